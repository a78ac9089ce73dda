package dev.interlock.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.interlock.descriptor.DescriptorReader;
import dev.interlock.descriptor.ReaderLimits;
import dev.interlock.registration.BodyValidation;
import dev.interlock.validate.Policies;

/**
 * The schema and the server's registration agree on edge cases of every kind: what one accepts the other accepts.
 * The last cases pin what JSON Schema cannot say and only the server checks (cron and time-zone validity, CEL
 * rules, a check's level among the scorecard's levels, unique check ids, an entity twice in one body): the schema
 * lets them through, registration and {@code validate} refuse them.
 */
class SchemaAgreementTest {

    private static final SchemaCheck SCHEMA = new SchemaCheck(
            new SchemaRegistry().catalogInfo("http://localhost:8080").toString());
    private static final DescriptorReader READER = new DescriptorReader(ReaderLimits.DEFAULTS);

    /**
     * One descriptor and what each side says of it.
     *
     * @param name what the case is about
     * @param yaml the descriptor
     * @param server whether registration accepts it
     * @param schema whether the schema accepts it
     */
    record Case(String name, String yaml, boolean server, boolean schema) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final String COMPONENT = """
            apiVersion: backstage.io/v1alpha1
            kind: Component
            metadata: {name: c}
            spec:
              type: pipeline
              lifecycle: production
              owner: group:data
            """;
    private static final String SCORECARD = """
            apiVersion: interlock.dev/v1alpha1
            kind: Scorecard
            metadata: {name: s}
            spec:
              owner: group:platform
              appliesTo: "entity.kind == 'Component'"
              levels: [bronze, silver]
              checks:
                - {id: a, title: A, level: bronze, rule: "true", why: Because.}
            """;

    static Stream<Case> cases() {
        return Stream.of(
                both("a lower-case kind and v1beta1", """
                        apiVersion: backstage.io/v1beta1
                        kind: component
                        metadata: {name: c, namespace: null, title: 2024, tags: [null], labels: {team: ""}}
                        spec: {type: service, lifecycle: x, owner: Group:Default/Team-A, system: null}
                        """, true),
                both("an API whose definition is a $text placeholder", """
                        apiVersion: backstage.io/v1alpha1
                        kind: API
                        metadata: {name: a}
                        spec: {type: openapi, lifecycle: production, owner: team-a, definition: {$text: ./openapi.yaml}}
                        """, true),
                both("an API served remotely, without a definition", """
                        apiVersion: backstage.io/v1alpha1
                        kind: API
                        metadata: {name: a}
                        spec: {type: mcp-server, lifecycle: experimental, owner: team-a, remotes: [{url: http://x}]}
                        """, true),
                both("an API with neither definition nor remotes", """
                        apiVersion: backstage.io/v1alpha1
                        kind: API
                        metadata: {name: a}
                        spec: {type: openapi, lifecycle: production, owner: team-a}
                        """, false),
                both("a kind Interlock does not interpret", """
                        apiVersion: scaffolder.backstage.io/v1beta3
                        kind: Template
                        metadata: {name: t}
                        spec: {steps: 7}
                        """, true),
                both("a full pipeline", COMPONENT + """
                          pipeline:
                            family: data
                            platform: dbt-cloud
                            url: https://cloud.getdbt.com/jobs/1
                            runsAs: user:ana
                            trigger: {schedule: "0 2 * * 1-5", timezone: Europe/Berlin, grace: PT15M, after: [dbt-a]}
                            inputs: [resource:raw-a, default/raw-b]
                            maintainers: [user:ana]
                            oncall: opsgenie:data
                            slo: {freshness: 2h, successRate: 1, maxDuration: 30m}
                            checks: [{name: not-null, type: quality}, {name: unit}]
                            custom: kept
                        """, true),
                both("a pipeline family that is not data or delivery", COMPONENT + "  pipeline: {family: ci}\n", false),
                both("a pipeline run as a bare name", COMPONENT + "  pipeline: {runsAs: ana}\n", false),
                both("a pipeline URL that is not http(s)", COMPONENT + "  pipeline: {url: ftp://x/y}\n", false),
                both("a success rate above 1", COMPONENT + "  pipeline: {slo: {successRate: 1.5}}\n", false),
                both("a check without a name", COMPONENT + "  pipeline: {checks: [{type: test}]}\n", false),
                both("a grace that is a number", COMPONENT + "  pipeline: {trigger: {grace: 15}}\n", false),
                both("an input that is no reference", COMPONENT + "  pipeline: {inputs: [a/b/c]}\n", false),
                both("an owner reference without a name", COMPONENT.replace("group:data", "'group:'"), false),
                both("an unknown apiVersion for a core kind", COMPONENT.replace("v1alpha1", "v1"), false),
                both("a namespace in capitals", COMPONENT.replace("{name: c}", "{name: c, namespace: Default}"), false),
                both(
                        "a tag of 64 characters",
                        COMPONENT.replace("{name: c}", "{name: c, tags: [" + "a".repeat(64) + "]}"),
                        false),
                both("a link without a url", COMPONENT.replace("{name: c}", "{name: c, links: [{title: x}]}"), false),
                both("a root field that is not the envelope's", COMPONENT + "spec2: {}\n", false),
                both("a group without children", """
                        apiVersion: backstage.io/v1alpha1
                        kind: Group
                        metadata: {name: g}
                        spec: {type: team, profile: {displayName: G}}
                        """, false),
                both("a user in no group", """
                        apiVersion: backstage.io/v1alpha1
                        kind: User
                        metadata: {name: u}
                        spec: {memberOf: []}
                        """, true),
                both("a location whose presence is neither required nor optional", """
                        apiVersion: backstage.io/v1alpha1
                        kind: Location
                        metadata: {name: l}
                        spec: {targets: [./a.yaml], presence: sometimes}
                        """, false),
                both(
                        "a scorecard",
                        SCORECARD.replace(
                                "why: Because.}",
                                "why: Because., howTo: {text: Do it., " + "link: https://wiki.example.com}}"),
                        true),
                both(
                        "a scorecard of Backstage's apiVersion",
                        SCORECARD.replace("interlock.dev", "backstage.io"),
                        false),
                both(
                        "a scorecard without checks",
                        SCORECARD.substring(0, SCORECARD.indexOf("  checks:")) + "  checks: []\n",
                        false),
                both(
                        "a howTo with another key",
                        SCORECARD.replace("why: Because.}", "why: Because., howTo: {text: x, " + "video: y}}"),
                        false),
                serverOnly(
                        "a cron expression out of range",
                        COMPONENT + "  pipeline: {trigger: {schedule: \"61 * * * *\"}}\n"),
                serverOnly(
                        "a time zone that does not exist",
                        COMPONENT + "  pipeline: {trigger: {timezone: Mars/Phobos}}\n"),
                serverOnly("a grace of zero", COMPONENT + "  pipeline: {trigger: {grace: 0m}}\n"),
                serverOnly("a rule that does not compile", SCORECARD.replace("rule: \"true\"", "rule: \"size(\"")),
                serverOnly("a rule that is not a boolean", SCORECARD.replace("rule: \"true\"", "rule: \"'abc'\"")),
                serverOnly(
                        "a check at a level the scorecard does not have",
                        SCORECARD.replace("level: bronze", "level: gold")),
                serverOnly(
                        "two checks with one id",
                        SCORECARD + "    - {id: a, title: B, level: silver, rule: \"true\", " + "why: Because.}\n"),
                serverOnly("one entity twice in a file", COMPONENT + "---\n" + COMPONENT));
    }

    private static Case both(String name, String yaml, boolean accepted) {
        return new Case(name, yaml, accepted, accepted);
    }

    private static Case serverOnly(String name, String yaml) {
        return new Case(name + " (only the server checks it)", yaml, false, true);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theSchemaAndRegistrationAgree(Case c) {
        BodyValidation.Result server =
                BodyValidation.check(READER.read(c.yaml(), DescriptorReader.Format.YAML, null), Policies.validator());
        assertEquals(c.server(), server.errors().isEmpty(), "registration: " + server.errors());
        List<String> schemaErrors = SCHEMA.errors(c.yaml());
        assertEquals(c.schema(), schemaErrors.isEmpty(), "schema: " + schemaErrors);
    }
}
