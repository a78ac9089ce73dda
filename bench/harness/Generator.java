package harness;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The synthetic catalogs the benchmarks register, as YAML documents in registration order (what an entity refers to
 * comes before it). Random choices use fixed seeds, so every run registers the same catalog.
 *
 * <p>The main catalog ({@link #catalog}, what the catalog and page benchmarks register): for N components, N/100 teams
 * ({@code team-<g>}, listing their members), N/50 systems, N/10 users ({@code user-<u>}, member of team
 * {@code u mod teams}) and N components; component {@code c} is owned by team {@code c mod teams}, belongs to system
 * {@code c mod systems} and depends on two other random components. {@link #withPipelines} adds N/20 resources and
 * makes every tenth component a pipeline with a {@code spec.pipeline} block: a family, platform, run identity (one in
 * four runs as a person), an hourly schedule, 1-3 input and 1-2 output resources, 1-3 maintainers (the first from the
 * owning team) and in two of three cases a runbook.
 *
 * <p>The other shapes are static: {@link #scoring} (pipelines with 1-3 maintainers among N/10 people),
 * {@link #lineageChains} (pipelines claiming OpenLineage jobs, in chains of three through resources),
 * {@link #seededServices} (plain services of 10 teams) and {@link #locationFile} (one repository's file).
 */
public final class Generator {

    private static final String HOURLY = "0 * * * *";
    private static final List<String> DATA_PLATFORMS = List.of("airflow", "dbt", "fivetran");
    private static final List<String> DELIVERY_PLATFORMS = List.of("github-actions", "jenkins", "argo-cd");
    private static final List<String> RESOURCE_TYPES = List.of("database", "table", "bucket", "topic");

    private final int components;
    private final int groups;
    private final int systems;
    private final int users;
    private final int resources;
    private final boolean pipelines;
    private final Random random = new Random(42);

    private Generator(int components, boolean pipelines) {
        this.components = components;
        this.groups = components / 100;
        this.systems = components / 50;
        this.users = components / 10;
        this.resources = pipelines ? components / 20 : 0;
        this.pipelines = pipelines;
    }

    /** The main catalog of N components, without pipelines. */
    public static Generator catalog(int components) {
        return new Generator(components, false);
    }

    /** The same catalog with resources, every tenth component a pipeline. */
    public Generator withPipelines() {
        return new Generator(components, true);
    }

    public int components() {
        return components;
    }

    public int pipelines() {
        return pipelines ? (components + 9) / 10 : 0;
    }

    public int totalEntities() {
        return components + groups + systems + users + resources;
    }

    public static String componentName(int c) {
        return "component-" + c;
    }

    public String lastComponentName() {
        return componentName(components - 1);
    }

    /** A pipeline in the middle of the catalog. */
    public String samplePipelineName() {
        return componentName(components / 2 / 10 * 10);
    }

    /** Every document, in registration order; generate them once (the random choices go on). */
    public List<String> documents() {
        List<String> documents = new ArrayList<>(totalEntities());
        for (int g = 0; g < groups; g++) {
            List<String> members = new ArrayList<>();
            for (int u = g; u < users; u += groups) {
                members.add("user:" + userName(u));
            }
            documents.add(team(groupName(g), members));
        }
        for (int s = 0; s < systems; s++) {
            documents.add(Doc.of("System", "system-" + s)
                    .spec("owner", "group:" + groupName(s % groups))
                    .yaml());
        }
        for (int u = 0; u < users; u++) {
            documents.add(user(userName(u), groupName(u % groups)));
        }
        for (int r = 0; r < resources; r++) {
            documents.add(Doc.of("Resource", resourceName(r))
                    .spec("type", RESOURCE_TYPES.get(r % RESOURCE_TYPES.size()))
                    .spec("owner", "group:" + groupName(r % groups))
                    .spec("system", "system-" + r % systems)
                    .yaml());
        }
        for (int c = 0; c < components; c++) {
            documents.add(component(c));
        }
        return documents;
    }

    private String component(int c) {
        int first = otherComponent(c, c);
        int second = otherComponent(c, first);
        boolean pipeline = pipelines && c % 10 == 0;
        Doc doc = component(componentName(c), pipeline ? "pipeline" : "service", "group:" + groupName(c % groups))
                .spec("system", "system-" + c % systems)
                .spec(
                        "dependsOn",
                        Doc.list(List.of("component:" + componentName(first), "component:" + componentName(second))));
        return (pipeline ? doc.pipeline(pipeline(c)) : doc).yaml();
    }

    private Doc.Pipeline pipeline(int c) {
        boolean data = random.nextBoolean();
        List<String> maintainers = maintainers(c % groups);
        List<String> platforms = data ? DATA_PLATFORMS : DELIVERY_PLATFORMS;
        Doc.Pipeline pipeline = new Doc.Pipeline(data ? "data" : "delivery")
                .platform(platforms.get(random.nextInt(platforms.size())))
                .runsAs(random.nextInt(4) == 0 ? maintainers.get(0) : "service-account")
                .schedule(HOURLY)
                .inputs(resourceRefs(1 + random.nextInt(3)))
                .outputs(resourceRefs(1 + random.nextInt(2)))
                .maintainers(maintainers);
        return random.nextInt(3) != 0
                ? pipeline.runbook("https://wiki.example.com/runbooks/" + componentName(c))
                : pipeline;
    }

    /** 1-3 distinct users, the first a member of team {@code g}. */
    private List<String> maintainers(int g) {
        Set<String> refs = new LinkedHashSet<>();
        refs.add("user:" + userName(g + groups * random.nextInt(users / groups)));
        int count = 1 + random.nextInt(3);
        while (refs.size() < count) {
            refs.add("user:" + userName(random.nextInt(users)));
        }
        return new ArrayList<>(refs);
    }

    private List<String> resourceRefs(int count) {
        Set<String> refs = new LinkedHashSet<>();
        while (refs.size() < count) {
            refs.add("resource:" + resourceName(random.nextInt(resources)));
        }
        return new ArrayList<>(refs);
    }

    /** A random component other than {@code c} and {@code except}. */
    private int otherComponent(int c, int except) {
        int other;
        do {
            other = random.nextInt(components);
        } while (other == c || other == except);
        return other;
    }

    private static String groupName(int g) {
        return "team-" + g;
    }

    private static String userName(int u) {
        return "user-" + u;
    }

    private static String resourceName(int r) {
        return "resource-" + r;
    }

    // ---- the building blocks, and the other benchmarks' shapes --------------------------------------------------

    /** A team without members. */
    public static String team(String name) {
        return Doc.of("Group", name).spec("type", "team").spec("children", "[]").yaml();
    }

    /** A team listing its members (user refs). */
    public static String team(String name, List<String> members) {
        return Doc.of("Group", name)
                .spec("type", "team")
                .spec("children", "[]")
                .spec("members", Doc.list(members))
                .yaml();
    }

    public static String user(String name, String team) {
        return Doc.of("User", name).spec("memberOf", "[group:" + team + "]").yaml();
    }

    /** A component in production; add keys to its spec. */
    public static Doc component(String name, String type, String owner) {
        return Doc.of("Component", name)
                .spec("type", type)
                .spec("lifecycle", "production")
                .spec("owner", owner);
    }

    /** Teams {@code team-0}... without members. */
    public static List<String> teams(int count) {
        List<String> documents = new ArrayList<>();
        for (int t = 0; t < count; t++) {
            documents.add(team(groupName(t)));
        }
        return documents;
    }

    /** 10 teams and {@code count} services {@code seed-<c>}, owned by team {@code c mod 10}. */
    public static List<String> seededServices(int count) {
        List<String> documents = teams(10);
        for (int c = 0; c < count; c++) {
            documents.add(service("seed-" + c, c % 10));
        }
        return documents;
    }

    /** A service owned by team {@code team}. */
    public static String service(String name, int team) {
        return component(name, "service", "group:" + groupName(team)).yaml();
    }

    /**
     * The scoring catalog: max(1, N/100) teams, max(2, N/10) people ({@code person-<u>}, member of team
     * {@code u mod teams}) and N pipelines ({@link #scoredPipeline}).
     */
    public static List<String> scoring(int n) {
        int teams = scoringTeams(n);
        List<String> documents = teams(teams);
        for (int u = 0; u < scoringPeople(n); u++) {
            documents.add(user("person-" + u, groupName(u % teams)));
        }
        for (int c = 0; c < n; c++) {
            documents.add(scoredPipeline(c, 1 + c % 3, n));
        }
        return documents;
    }

    public static int scoringTeams(int n) {
        return Math.max(1, n / 100);
    }

    public static int scoringPeople(int n) {
        return Math.max(2, n / 10);
    }

    /**
     * Pipeline {@code pipe-<c>} of the scoring catalog of N: a data pipeline owned by team {@code c mod teams}, run
     * by a service account on an hourly schedule, with {@code maintainers} people and, when {@code c} is even, a
     * runbook.
     */
    public static String scoredPipeline(int c, int maintainers, int n) {
        List<String> people = new ArrayList<>();
        for (int i = 0; i < maintainers; i++) {
            people.add("user:person-" + (c + i * 7) % scoringPeople(n));
        }
        Doc.Pipeline pipeline = new Doc.Pipeline("data")
                .runsAs("service-account")
                .schedule(HOURLY)
                .maintainers(people);
        return component("pipe-" + c, "pipeline", "group:" + groupName(c % scoringTeams(n)))
                .pipeline(c % 2 == 0 ? pipeline.runbook("https://wiki.example/runbooks/pipe-" + c) : pipeline)
                .yaml();
    }

    /**
     * {@code count} data pipelines {@code p-<i>}, each claiming the OpenLineage job {@code bench/p-<i>} and writing
     * resource {@code r-<i>}, in lineage chains of three (pipeline i reads {@code r-<i-1>} unless i mod 3 is 0); every
     * fifth on an hourly schedule, all with freshness and success-rate SLOs. Each resource comes just before its
     * pipeline.
     */
    public static List<String> lineageChains(int count) {
        List<String> documents = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            documents.add(Doc.of("Resource", "r-" + i)
                    .spec("type", "table")
                    .spec("owner", "group:bench")
                    .yaml());
            Doc.Pipeline pipeline = new Doc.Pipeline("data")
                    .maintainers(List.of("user:bench"))
                    .inputs(i % 3 == 0 ? List.of() : List.of("resource:r-" + (i - 1)))
                    .outputs(List.of("resource:r-" + i))
                    .slo("1d", "0.9");
            documents.add(component("p-" + i, "pipeline", "group:bench")
                    .annotation("openlineage.io/job", "bench/p-" + i)
                    .pipeline(i % 5 == 0 ? pipeline.schedule(HOURLY) : pipeline)
                    .yaml());
        }
        return documents;
    }

    /** A repository's {@code catalog-info.yaml}: services {@code loc-<i>-<j>} whose description is {@code version}. */
    public static String locationFile(int i, int entities, String version) {
        StringBuilder file = new StringBuilder();
        for (int j = 0; j < entities; j++) {
            file.append("---\n")
                    .append(component("loc-" + i + "-" + j, "service", "group:bench-team")
                            .metadata("description", version)
                            .yaml());
        }
        return file.toString();
    }
}
