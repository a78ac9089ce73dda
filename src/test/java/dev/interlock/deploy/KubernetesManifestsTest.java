package dev.interlock.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import io.smallrye.config.WithParentName;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import dev.interlock.validation.Values;

/**
 * The Kubernetes manifests in deploy/kubernetes parse and agree with the application: ports, probe paths, the names of
 * the settings they pass, memory and JVM sizing, selectors, security context, graceful shutdown, the image. kubectl
 * and kustomize are not on the build machines, so the kustomizations are rendered here for the subset of kustomize
 * they use (resources, strategic-merge patches, images, namespace; anything else fails the test), and the result is
 * written to target/kubernetes/ for other tools. A plain unit test: no application is started.
 */
class KubernetesManifestsTest {

    static final Path ROOT = Path.of("").toAbsolutePath();
    static final Path K8S = ROOT.resolve("deploy/kubernetes");
    static final Path BASE = K8S.resolve("base");
    static final Path PRODUCTION = K8S.resolve("overlays/production");
    static final Path DOCKERFILE = ROOT.resolve("src/main/docker/Dockerfile.jvm");

    static final String CONTAINER = "interlock";
    static final String PRODUCTION_MEMORY_LIMIT = "512Mi";
    static final int PRODUCTION_REPLICAS = 2;
    static final int RUN_AS_USER = 185;
    /** Memory the JVM needs besides the heap (metaspace, code cache, threads, direct buffers, the GC). */
    static final long NON_HEAP = 192L << 20;

    /** Variables read by run-java.sh of the ubi9 OpenJDK images, not by the application. */
    static final Set<String> IMAGE_ENV = Set.of(
            "JAVA_OPTS",
            "JAVA_OPTS_APPEND",
            "JAVA_MAX_MEM_RATIO",
            "JAVA_INITIAL_MEM_RATIO",
            "GC_CONTAINER_OPTIONS",
            "GC_METASPACE_SIZE",
            "GC_MAX_METASPACE_SIZE",
            "JAVA_DIAGNOSTICS");

    /** Strategic-merge keys of the lists the manifests patch (others are replaced, as kustomize does). */
    static final Map<String, String> MERGE_KEYS = Map.of(
            "containers",
            "name",
            "initContainers",
            "name",
            "env",
            "name",
            "volumes",
            "name",
            "volumeMounts",
            "mountPath",
            "imagePullSecrets",
            "name");

    static Properties app;
    static ConfigKeys keys;

    @BeforeAll
    static void readTheApplication() throws IOException {
        app = new Properties();
        try (Reader r = Files.newBufferedReader(ROOT.resolve("src/main/resources/application.properties"))) {
            app.load(r);
        }
        keys = ConfigKeys.load(app);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Tests

    @Test
    void everyYamlFileParses() throws IOException {
        List<Path> files = yamlFiles();
        assertTrue(files.size() >= 8, "YAML files under deploy/kubernetes: " + files);
        for (Path f : files) {
            List<Map<String, Object>> docs = load(f);
            assertFalse(docs.isEmpty(), f + " holds no document");
            for (Map<String, Object> d : docs) {
                assertTrue(
                        d.get("apiVersion") instanceof String && d.get("kind") instanceof String,
                        f + ": every document needs apiVersion and kind");
            }
        }
    }

    @Test
    void everyKustomizationPathExists() throws IOException {
        List<Path> kustomizations = yamlFiles().stream()
                .filter(f -> f.getFileName().toString().equals("kustomization.yaml"))
                .toList();
        assertEquals(
                Set.of(BASE.resolve("kustomization.yaml"), PRODUCTION.resolve("kustomization.yaml")),
                Set.copyOf(kustomizations));
        for (Path k : kustomizations) {
            Map<String, Object> doc = single(load(k));
            for (String r : strings(doc.get("resources"))) {
                Path p = k.getParent().resolve(r).normalize();
                assertTrue(
                        Files.isRegularFile(p) || Files.isRegularFile(p.resolve("kustomization.yaml")),
                        k + ": resource " + r + " does not exist");
            }
            for (Map<String, Object> patch : maps(doc.get("patches"))) {
                assertTrue(patch.get("path") instanceof String, k + ": a patch without a path: " + patch);
                assertTrue(
                        Files.isRegularFile(k.getParent().resolve((String) patch.get("path"))),
                        k + ": patch " + patch.get("path") + " does not exist");
            }
        }
        // Every YAML file is used by a kustomization (a stray file is a manifest nobody applies).
        Set<Path> used = new LinkedHashSet<>(kustomizations);
        for (Path k : kustomizations) {
            Map<String, Object> doc = single(load(k));
            strings(doc.get("resources"))
                    .forEach(r -> used.add(k.getParent().resolve(r).normalize()));
            maps(doc.get("patches"))
                    .forEach(p -> used.add(
                            k.getParent().resolve((String) p.get("path")).normalize()));
        }
        for (Path f : yamlFiles()) {
            assertTrue(used.contains(f), f + " is not named by any kustomization");
        }
    }

    @Test
    void baseAgreesWithTheApplication() throws IOException {
        List<Map<String, Object>> rendered = render(BASE);
        write("base.yaml", rendered);
        assertEquals(List.of(), problems(rendered, false));
    }

    @Test
    void productionOverlayAgreesWithTheApplication() throws IOException {
        List<Map<String, Object>> rendered = render(PRODUCTION);
        write("production.yaml", rendered);
        assertEquals(List.of(), problems(rendered, true));

        Map<String, Object> deployment = only(rendered, "Deployment");
        assertEquals(PRODUCTION_REPLICAS, get(deployment, "spec.replicas"));
        assertEquals(PRODUCTION_MEMORY_LIMIT, get(container(deployment), "resources.limits.memory"));
        assertEquals(1, get(only(rendered, "PodDisruptionBudget"), "spec.minAvailable"));
        // The image transformer applied (its name matched the base's image).
        assertEquals(
                "registry.example.com/interlock/interlock:0.1.0-SNAPSHOT",
                container(deployment).get("image"));
        assertEquals("interlock", get(deployment, "metadata.namespace"));
        // Single sign-on: the client secret comes from a Secret, the provider from the ConfigMap.
        assertEquals(
                "https://keycloak.example.com/realms/interlock",
                data(only(rendered, "ConfigMap")).get("QUARKUS_OIDC_AUTH_SERVER_URL"));
        assertEquals(
                "interlock-oidc",
                get(
                        envVar(deployment, "QUARKUS_OIDC_CREDENTIALS_SECRET").orElseThrow(),
                        "valueFrom.secretKeyRef.name"));
    }

    /** Each check reports a broken manifest: the test is not satisfied by anything. */
    @TestFactory
    List<DynamicTest> eachCheckCatchesABrokenManifest() throws IOException {
        Map<String, Consumer<List<Map<String, Object>>>> breakages = new LinkedHashMap<>();
        breakages.put(
                "container port",
                r -> ports(container(only(r, "Deployment"))).get(0).put("containerPort", 8081));
        breakages.put(
                "liveness probe", r -> put(container(only(r, "Deployment")), "livenessProbe.httpGet.path", "/health"));
        breakages.put(
                "readiness probe", r -> put(container(only(r, "Deployment")), "readinessProbe.httpGet.port", 9000));
        breakages.put("memory limit", r -> put(container(only(r, "Deployment")), "resources.limits.memory", "1Gi"));
        breakages.put("replicas", r -> put(only(r, "Deployment"), "spec.replicas", 1));
        breakages.put(
                "not a setting",
                r -> env(container(only(r, "Deployment")))
                        .add(new LinkedHashMap<>(Map.of("name", "INTERLOCK_NO_SUCH_SETTING", "value", "x"))));
        breakages.put("build-time", r -> data(only(r, "ConfigMap")).put("QUARKUS_DATASOURCE_DB_KIND", "postgresql"));
        breakages.put(
                "secret",
                r -> envVar(only(r, "Deployment"), "QUARKUS_DATASOURCE_PASSWORD")
                        .orElseThrow()
                        .put("value", "hunter2"));
        breakages.put(
                "Service selector",
                r -> put(
                        only(r, "Service"),
                        "spec.selector",
                        new LinkedHashMap<>(Map.of("app.kubernetes.io/name", "other"))));
        breakages.put(
                "targetPort",
                r -> maps(get(only(r, "Service"), "spec.ports")).get(0).put("targetPort", 8443));
        breakages.put(
                "Ingress backend",
                r -> put(
                        maps(get(maps(get(only(r, "Ingress"), "spec.rules")).get(0), "http.paths"))
                                .get(0),
                        "backend.service.name",
                        "interlok"));
        breakages.put(
                "PodDisruptionBudget",
                r -> put(
                        only(r, "PodDisruptionBudget"),
                        "spec.selector.matchLabels",
                        new LinkedHashMap<>(Map.of("app", "interlock"))));
        breakages.put(
                "runAsNonRoot",
                r -> put(only(r, "Deployment"), "spec.template.spec.securityContext.runAsNonRoot", false));
        breakages.put(
                "terminationGracePeriodSeconds",
                r -> put(only(r, "Deployment"), "spec.template.spec.terminationGracePeriodSeconds", 15));
        breakages.put(
                "heap",
                r -> envVar(only(r, "Deployment"), "JAVA_MAX_MEM_RATIO")
                        .orElseThrow()
                        .put("value", "80"));
        breakages.put(
                "public URL",
                r -> data(only(r, "ConfigMap")).put("INTERLOCK_PUBLIC_URL", "https://elsewhere.example.com"));
        List<DynamicTest> tests = new ArrayList<>();
        for (var b : breakages.entrySet()) {
            tests.add(DynamicTest.dynamicTest(b.getKey(), () -> {
                List<Map<String, Object>> rendered = render(PRODUCTION);
                b.getValue().accept(rendered);
                List<String> found = problems(rendered, true);
                assertTrue(
                        found.stream().anyMatch(p -> p.contains(b.getKey())),
                        "breaking the " + b.getKey() + " was not reported; reported: " + found);
            }));
        }
        return tests;
    }

    @Test
    void settingNamesAreCheckedAgainstWhatTheApplicationReads() {
        assertEquals(Optional.of("RUN_TIME"), keys.phase("QUARKUS_DATASOURCE_JDBC_URL"));
        assertEquals(Optional.of("RUN_TIME"), keys.phase("QUARKUS_OIDC_CREDENTIALS_SECRET"));
        assertEquals(Optional.of("RUN_TIME"), keys.phase("QUARKUS_SHUTDOWN_TIMEOUT"));
        assertEquals(Optional.of("BUILD_AND_RUN_TIME_FIXED"), keys.phase("QUARKUS_DATASOURCE_DB_KIND"));
        // The application's own settings, from its @ConfigMapping interfaces and @ConfigProperty fields.
        assertEquals(Optional.of("RUN_TIME"), keys.phase("INTERLOCK_SECURITY_SIGN_IN_WINDOW"));
        assertEquals(Optional.of("RUN_TIME"), keys.phase("INTERLOCK_SECURITY_ACCOUNTS__OPS__PASSWORD"));
        assertEquals(Optional.of("RUN_TIME"), keys.phase("INTERLOCK_PUBLIC_URL"));
        assertEquals(Optional.empty(), keys.phase("INTERLOCK_SECURITY_NO_SUCH_THING"));
        assertEquals(Optional.empty(), keys.phase("QUARKUS_OIDC_NO_SUCH_THING"));
    }

    @Test
    void dockerfileFollowsQuarkusConventionAndMatchesJibAndTheDeployment() throws IOException {
        String dockerfile = Files.readString(DOCKERFILE);
        List<String> lines = dockerfile
                .lines()
                .map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .toList();
        String from = lines.stream()
                .filter(l -> l.startsWith("FROM "))
                .findFirst()
                .orElseThrow()
                .substring(5)
                .strip();
        assertTrue(from.startsWith("registry.access.redhat.com/ubi9/openjdk-17-runtime:"), from);
        assertEquals(from, app.getProperty("quarkus.jib.base-jvm-image"), "Jib and the Dockerfile use one base image");
        assertTrue(lines.contains("USER " + RUN_AS_USER), "USER " + RUN_AS_USER);
        assertEquals(String.valueOf(RUN_AS_USER), app.getProperty("quarkus.jib.user"));
        assertTrue(lines.contains("EXPOSE " + appPort()), "EXPOSE " + appPort());
        for (String layer : List.of(
                "lib/ /deployments/lib/",
                "*.jar /deployments/",
                "app/ /deployments/app/",
                "quarkus/ /deployments/quarkus/")) {
            assertTrue(lines.contains("COPY --chown=" + RUN_AS_USER + " target/quarkus-app/" + layer), "COPY " + layer);
        }
        assertTrue(lines.contains("ENV JAVA_APP_JAR=\"/deployments/quarkus-run.jar\""), "JAVA_APP_JAR");
        String optsAppend = lines.stream()
                .filter(l -> l.startsWith("ENV JAVA_OPTS_APPEND="))
                .findFirst()
                .orElseThrow();
        assertFalse(
                Pattern.compile("-XX:[+-]Use\\w+GC|-Xmx").matcher(optsAppend).find(),
                "the GC and heap come from GC_CONTAINER_OPTIONS and JAVA_MAX_MEM_RATIO: " + optsAppend);
        assertTrue(lines.contains("ENTRYPOINT [ \"/opt/jboss/container/java/run/run-java.sh\" ]"), "run-java.sh");
    }

    /**
     * deploy/jvm.options is what the README's start command, systemd and the benchmarks run with; the images get the
     * same options from their environment: the heap and the collector from the Deployment, the rest from the
     * Dockerfile's JAVA_OPTS_APPEND and Jib's additional JVM arguments.
     */
    @Test
    void imagesAndDeploymentRunWithTheOptionsOfJvmOptions() throws IOException {
        List<String> options = Files.readAllLines(ROOT.resolve("deploy/jvm.options")).stream()
                .map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .toList();
        String heap =
                options.stream().filter(o -> o.startsWith("-Xmx")).findFirst().orElseThrow();
        String gc = options.stream()
                .filter(o -> o.matches("-XX:\\+Use\\w+GC"))
                .findFirst()
                .orElseThrow();
        List<String> rest = options.stream()
                .filter(o -> !o.startsWith("-Xm") && !o.equals(gc))
                .toList();

        String optsAppend = Files.readString(DOCKERFILE)
                .lines()
                .map(String::strip)
                .filter(l -> l.startsWith("ENV JAVA_OPTS_APPEND="))
                .findFirst()
                .orElseThrow();
        List<String> appended = List.of(optsAppend
                .substring(optsAppend.indexOf('"') + 1, optsAppend.lastIndexOf('"'))
                .split(" "));
        assertTrue(appended.containsAll(rest), "the Dockerfile's JAVA_OPTS_APPEND lacks some of " + rest);
        assertEquals(
                rest,
                List.of(app.getProperty("quarkus.jib.jvm-additional-arguments", "")
                        .split(",")),
                "quarkus.jib.jvm-additional-arguments");

        Map<String, Object> deployment = only(render(PRODUCTION), "Deployment");
        assertEquals(
                gc, envVar(deployment, "GC_CONTAINER_OPTIONS").orElseThrow().get("value"));
        long limit = bytes(String.valueOf(get(container(deployment), "resources.limits.memory")));
        long ratioHeap = limit
                * Integer.parseInt((String)
                        envVar(deployment, "JAVA_MAX_MEM_RATIO").orElseThrow().get("value"))
                / 100;
        long xmx = bytes(heap.substring(4));
        assertTrue(
                Math.abs(ratioHeap - xmx) <= xmx / 20,
                "JAVA_MAX_MEM_RATIO gives a heap of " + (ratioHeap >> 20) + "Mi, deploy/jvm.options " + heap);
    }

    /**
     * The peak memory of bench/run.sh is measured with two C-library malloc arenas: every way of running Interlock
     * sets the same.
     */
    @Test
    void everyWayOfRunningSetsTheMallocArenas() throws IOException {
        String setting = "MALLOC_ARENA_MAX=2";
        String startCommand = Files.readString(ROOT.resolve("README.md"))
                .lines()
                .filter(l -> l.contains("java @deploy/jvm.options -jar"))
                .findFirst()
                .orElseThrow();
        assertTrue(startCommand.contains(setting + " java @deploy/jvm.options"), startCommand);
        assertTrue(
                Files.readAllLines(ROOT.resolve("deploy/systemd/interlock.service"))
                        .contains("Environment=" + setting),
                "deploy/systemd");
        assertTrue(Files.readAllLines(DOCKERFILE).contains("ENV " + setting), "Dockerfile.jvm");
        assertEquals("2", app.getProperty("quarkus.jib.environment-variables.\"MALLOC_ARENA_MAX\""), "Jib");
        assertTrue(Files.readString(ROOT.resolve("bench/lib.sh")).contains(" " + setting + " "), "bench/lib.sh");
    }

    /**
     * The systemd unit lets the application write what it writes (Vert.x's file cache and uploads under /tmp, which
     * {@code ProtectSystem=strict} makes read-only), counts the JVM's exit after SIGTERM (143) as a clean stop, and
     * waits longer than the graceful shutdown takes.
     */
    @Test
    void theSystemdUnitLetsTheApplicationStartAndStopCleanly() throws IOException {
        Map<String, List<String>> unit = new LinkedHashMap<>();
        for (String line : Files.readAllLines(ROOT.resolve("deploy/systemd/interlock.service"))) {
            int eq = line.indexOf('=');
            if (!line.startsWith("#") && eq > 0) {
                unit.computeIfAbsent(line.substring(0, eq), k -> new ArrayList<>())
                        .add(line.substring(eq + 1));
            }
        }
        if (unit.getOrDefault("ProtectSystem", List.of()).contains("strict")) {
            assertTrue(
                    unit.getOrDefault("PrivateTmp", List.of()).contains("true")
                            || unit.getOrDefault("ReadWritePaths", List.of()).stream()
                                    .anyMatch(p -> List.of(p.split(" ")).contains("/tmp")),
                    "ProtectSystem=strict makes /tmp read-only: " + unit);
        }
        assertTrue(
                unit.getOrDefault("SuccessExitStatus", List.of()).stream()
                        .anyMatch(v -> List.of(v.split(" ")).contains("143")),
                "a stop (SIGTERM) ends the JVM with 143: " + unit);
        int shutdown = seconds(app.getProperty("%prod.quarkus.shutdown.delay"))
                + seconds(app.getProperty("quarkus.shutdown.timeout"));
        assertTrue(shutdown > 0, "the shutdown settings are read");
        assertTrue(
                Integer.parseInt(unit.get("TimeoutStopSec").get(0)) > shutdown,
                "TimeoutStopSec outlasts the graceful shutdown (" + shutdown + " s)");
    }

    @Test
    void containerImageIsBuiltOnlyWhenAsked() throws IOException {
        String pom = Files.readString(ROOT.resolve("pom.xml"));
        Matcher jib = Pattern.compile("<dependency>\\s*<groupId>io\\.quarkus</groupId>\\s*"
                        + "<artifactId>quarkus-container-image-jib</artifactId>\\s*</dependency>")
                .matcher(pom);
        assertTrue(jib.find(), "quarkus-container-image-jib, versioned by the Quarkus BOM");
        assertFalse(app.containsKey("quarkus.container-image.build"), "a plain package must not build an image");
        assertFalse(app.containsKey("quarkus.container-image.push"));
        assertEquals("interlock", app.getProperty("quarkus.container-image.group"));
        assertEquals("interlock", app.getProperty("quarkus.container-image.name"));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // What must hold of a rendering

    static List<String> problems(List<Map<String, Object>> rendered, boolean production) {
        List<String> problems = new ArrayList<>();
        Check check = (ok, message) -> {
            if (!ok) {
                problems.add(message);
            }
        };
        for (Map<String, Object> doc : rendered) {
            check.that(!"Secret".equals(doc.get("kind")), "a Secret is committed: " + get(doc, "metadata.name"));
        }
        Map<String, Object> deployment = only(rendered, "Deployment");
        Map<String, Object> pod = map(get(deployment, "spec.template.spec"));
        Map<String, Object> c = container(deployment);
        Map<String, String> podLabels = stringMap(get(deployment, "spec.template.metadata.labels"));
        int port = appPort();

        // Labels and selectors
        Map<String, String> selector = stringMap(get(deployment, "spec.selector.matchLabels"));
        check.that(
                !selector.isEmpty() && selects(selector, podLabels),
                "Deployment selector " + selector + " does not select its pods " + podLabels);
        Map<String, Object> service = only(rendered, "Service");
        Map<String, String> serviceSelector = stringMap(get(service, "spec.selector"));
        check.that(
                !serviceSelector.isEmpty() && selects(serviceSelector, podLabels),
                "Service selector " + serviceSelector + " does not select the pods " + podLabels);
        for (Map<String, Object> tsc : maps(pod.get("topologySpreadConstraints"))) {
            check.that(
                    selects(stringMap(get(tsc, "labelSelector.matchLabels")), podLabels),
                    "topologySpreadConstraints selector does not select the pods");
        }

        // Ports and probes
        List<Map<String, Object>> ports = ports(c);
        Integer httpPort = ports.stream()
                .filter(p -> "http".equals(p.get("name")))
                .map(p -> (Integer) p.get("containerPort"))
                .findFirst()
                .orElse(null);
        check.that(
                Objects.equals(httpPort, port),
                "container port http is " + httpPort + ", the application listens on " + port + " (quarkus.http.port)");
        Map<String, String> env = effectiveEnv(rendered, c, problems);
        if (env.containsKey("QUARKUS_HTTP_PORT")) {
            check.that(
                    env.get("QUARKUS_HTTP_PORT").equals(String.valueOf(port)),
                    "QUARKUS_HTTP_PORT differs from the container port");
        }
        String live = healthPath("live");
        String ready = healthPath("ready");
        check.that(
                live.equals("/q/health/live") && ready.equals("/q/health/ready"),
                "the application's health paths moved: " + live + ", " + ready);
        check.that(
                Objects.equals(get(c, "livenessProbe.httpGet.path"), live),
                "liveness probe path is " + get(c, "livenessProbe.httpGet.path") + ", not " + live);
        check.that(
                Objects.equals(get(c, "readinessProbe.httpGet.path"), ready),
                "readiness probe path is " + get(c, "readinessProbe.httpGet.path") + ", not " + ready);
        check.that(
                Set.of(live, healthPath("started")).contains(get(c, "startupProbe.httpGet.path")),
                "startup probe path");
        for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
            Object p = get(c, probe + ".httpGet.port");
            check.that(
                    Objects.equals(resolvePort(ports, p), port),
                    probe.replace("P", " p") + " port " + p + " is not the application's " + port);
        }
        Object started = get(c, "startupProbe.failureThreshold");
        Object period = get(c, "startupProbe.periodSeconds");
        check.that(
                started instanceof Integer f && period instanceof Integer s && f * s >= 60,
                "startup probe allows less than 60 s to start");
        check.that(
                publicPaths().contains("/q/health/*"),
                "/q/health/* is not public in application.properties: probes would get 401");

        // Service and Ingress
        List<Map<String, Object>> servicePorts = maps(get(service, "spec.ports"));
        for (Map<String, Object> sp : servicePorts) {
            check.that(
                    Objects.equals(resolvePort(ports, sp.get("targetPort")), port),
                    "Service port " + sp.get("name") + " targetPort " + sp.get("targetPort")
                            + " is not the application's " + port);
        }
        Map<String, Object> ingress = only(rendered, "Ingress");
        List<Map<String, Object>> rules = maps(get(ingress, "spec.rules"));
        check.that(!rules.isEmpty(), "Ingress has no rules");
        Set<String> tlsHosts = maps(get(ingress, "spec.tls")).stream()
                .flatMap(t -> strings(t.get("hosts")).stream())
                .collect(Collectors.toSet());
        for (Map<String, Object> rule : rules) {
            check.that(tlsHosts.contains(rule.get("host")), "Ingress host " + rule.get("host") + " has no TLS");
            for (Map<String, Object> path : maps(get(rule, "http.paths"))) {
                Object name = get(path, "backend.service.name");
                check.that(get(service, "metadata.name").equals(name), "Ingress backend names Service " + name);
                Object byName = get(path, "backend.service.port.name");
                Object byNumber = get(path, "backend.service.port.number");
                check.that(
                        servicePorts.stream()
                                .anyMatch(sp -> byName != null
                                        ? byName.equals(sp.get("name"))
                                        : Objects.equals(byNumber, sp.get("port"))),
                        "Ingress backend port is not a Service port");
            }
        }
        String host = rules.isEmpty() ? null : (String) rules.get(0).get("host");
        check.that(
                ("https://" + host).equals(env.get("INTERLOCK_PUBLIC_URL")),
                "INTERLOCK_PUBLIC_URL " + env.get("INTERLOCK_PUBLIC_URL") + " is not the Ingress's https://" + host
                        + " (public URL)");
        check.that("true".equals(env.get("INTERLOCK_SECURITY_SECURE_COOKIES")), "served over https: secure cookies");
        String proxyBody =
                stringMap(get(ingress, "metadata.annotations")).get("nginx.ingress.kubernetes.io/proxy-body-size");
        check.that(
                proxyBody != null && bytes(proxyBody) >= bytes(app.getProperty("quarkus.http.limits.max-body-size")),
                "the Ingress's proxy-body-size " + proxyBody + " is below quarkus.http.limits.max-body-size");

        // Settings: every name is one the application reads at run time; secrets come from Secrets.
        for (String name : env.keySet()) {
            if (IMAGE_ENV.contains(name)) {
                continue;
            }
            Optional<String> phase = keys.phase(name);
            check.that(phase.isPresent(), name + " is not a setting the application reads");
            check.that(
                    phase.isEmpty() || phase.get().equals("RUN_TIME"),
                    name + " is fixed at build-time (" + phase.orElse("")
                            + "): setting it at run time changes nothing");
        }
        for (String name : List.of(
                "QUARKUS_DATASOURCE_JDBC_URL",
                "QUARKUS_DATASOURCE_USERNAME",
                "QUARKUS_DATASOURCE_PASSWORD",
                "QUARKUS_HTTP_AUTH_SESSION_ENCRYPTION_KEY")) {
            check.that(fromSecret(deployment, name), name + " must come from a secretKeyRef");
        }
        for (Map<String, Object> e : env(c)) {
            String name = (String) e.get("name");
            boolean secretName = name.matches(".*(PASSWORD|SECRET|_KEY|TOKEN).*");
            check.that(
                    !secretName || (e.get("value") == null && fromSecret(deployment, name)),
                    name + " is a secret and must come from a Secret, not a value");
        }
        for (Map<String, Object> cm : all(rendered, "ConfigMap")) {
            for (String name : data(cm).keySet()) {
                check.that(!name.matches(".*(PASSWORD|SECRET|_KEY|TOKEN).*"), name + " is a secret in a ConfigMap");
            }
        }

        // Memory and the JVM
        long limit = bytes(String.valueOf(get(c, "resources.limits.memory")));
        Object request = get(c, "resources.requests.memory");
        check.that(request != null && bytes(String.valueOf(request)) <= limit, "memory request above the limit");
        if (production) {
            check.that(
                    PRODUCTION_MEMORY_LIMIT.equals(get(c, "resources.limits.memory")),
                    "memory limit is " + get(c, "resources.limits.memory") + ", not " + PRODUCTION_MEMORY_LIMIT);
        }
        String ratio = env.get("JAVA_MAX_MEM_RATIO");
        if (ratio == null || !ratio.matches("\\d+")) {
            problems.add("JAVA_MAX_MEM_RATIO must size the heap to the memory limit");
        } else {
            long heap = limit * Integer.parseInt(ratio) / 100;
            check.that(
                    heap <= limit - NON_HEAP && heap >= (128L << 20),
                    "heap " + (heap >> 20) + "Mi of a " + (limit >> 20)
                            + "Mi limit leaves too little for the rest of the JVM or is too small");
        }
        String gc = env.getOrDefault("GC_CONTAINER_OPTIONS", "");
        check.that(gc.matches("-XX:\\+Use\\w+GC"), "GC_CONTAINER_OPTIONS names one collector: " + gc);
        for (String opts : List.of("JAVA_OPTS", "JAVA_OPTS_APPEND")) {
            check.that(
                    !Pattern.compile("-XX:[+-]Use\\w+GC|-Xmx|MaxRAMPercentage")
                            .matcher(env.getOrDefault(opts, ""))
                            .find(),
                    opts + " must not set the GC or the heap (two collectors stop the JVM)");
        }

        // Security context
        Map<String, Object> podSc = map(pod.get("securityContext"));
        Map<String, Object> sc = map(c.get("securityContext"));
        check.that(
                Boolean.TRUE.equals(podSc.get("runAsNonRoot")) && !Boolean.FALSE.equals(sc.get("runAsNonRoot")),
                "runAsNonRoot must be true");
        check.that(
                Objects.equals(sc.getOrDefault("runAsUser", podSc.get("runAsUser")), RUN_AS_USER),
                "runAsUser is not " + RUN_AS_USER + " (the image's user)");
        check.that(Boolean.TRUE.equals(sc.get("readOnlyRootFilesystem")), "readOnlyRootFilesystem");
        check.that(Boolean.FALSE.equals(sc.get("allowPrivilegeEscalation")), "allowPrivilegeEscalation must be false");
        check.that(strings(get(sc, "capabilities.drop")).contains("ALL"), "capabilities must drop ALL");
        check.that(
                "RuntimeDefault".equals(get(podSc, "seccompProfile.type"))
                        || "RuntimeDefault".equals(get(sc, "seccompProfile.type")),
                "seccompProfile RuntimeDefault");
        Optional<Map<String, Object>> tmp = maps(c.get("volumeMounts")).stream()
                .filter(m -> "/tmp".equals(m.get("mountPath")))
                .findFirst();
        check.that(
                tmp.isPresent()
                        && maps(pod.get("volumes")).stream()
                                .anyMatch(
                                        v -> v.get("name").equals(tmp.get().get("name")) && v.containsKey("emptyDir")),
                "/tmp (uploads, Vert.x cache) must be a writable emptyDir under a read-only root");

        // Graceful shutdown
        List<String> preStop = strings(get(c, "lifecycle.preStop.exec.command"));
        int sleep = preStop.size() == 2 && preStop.get(0).equals("sleep") ? Integer.parseInt(preStop.get(1)) : -1;
        check.that(sleep >= 5, "a preStop sleep lets the endpoint go before SIGTERM");
        String timeout = env.get("QUARKUS_SHUTDOWN_TIMEOUT");
        check.that(
                timeout != null && timeout.matches("\\d+s"),
                "QUARKUS_SHUTDOWN_TIMEOUT (e.g. 20s) turns on" + " graceful shutdown");
        int grace = pod.get("terminationGracePeriodSeconds") instanceof Integer g ? g : 30;
        int shutdown = seconds(timeout) + seconds(env.get("QUARKUS_SHUTDOWN_DELAY"));
        check.that(
                grace > sleep + shutdown,
                "terminationGracePeriodSeconds " + grace
                        + " must exceed the preStop sleep plus QUARKUS_SHUTDOWN_DELAY and QUARKUS_SHUTDOWN_TIMEOUT");

        // The image
        String image = String.valueOf(c.get("image"));
        String expected = app.getProperty("quarkus.container-image.group") + "/"
                + app.getProperty("quarkus.container-image.name");
        check.that(imageName(image).endsWith(expected), "image " + image + " is not " + expected);

        // Replicas and disruption budget
        int replicas = get(deployment, "spec.replicas") instanceof Integer r ? r : 1;
        List<Map<String, Object>> pdbs = all(rendered, "PodDisruptionBudget");
        if (production) {
            check.that(replicas == PRODUCTION_REPLICAS, "replicas " + replicas + ", not " + PRODUCTION_REPLICAS);
            check.that(pdbs.size() == 1, "production needs a PodDisruptionBudget");
        }
        for (Map<String, Object> pdb : pdbs) {
            check.that(
                    selects(stringMap(get(pdb, "spec.selector.matchLabels")), podLabels),
                    "PodDisruptionBudget selector does not select the pods");
            check.that(
                    Objects.equals(get(pdb, "spec.minAvailable"), 1) && replicas > 1,
                    "PodDisruptionBudget minAvailable 1 needs more than one replica (else no node drains)");
        }
        return problems;
    }

    @FunctionalInterface
    interface Check {
        void that(boolean ok, String message);
    }

    /** Whole seconds of a setting such as {@code 20s}; 0 when unset or written otherwise. */
    private static int seconds(String value) {
        return value != null && value.matches("\\d+s") ? Integer.parseInt(value.replace("s", "")) : 0;
    }

    /** The environment the container gets: ConfigMaps it takes whole, then its own env (which wins). */
    static Map<String, String> effectiveEnv(
            List<Map<String, Object>> rendered, Map<String, Object> c, List<String> problems) {
        Map<String, String> env = new LinkedHashMap<>();
        for (Map<String, Object> from : maps(c.get("envFrom"))) {
            Object cmName = get(from, "configMapRef.name");
            if (cmName != null) {
                Optional<Map<String, Object>> cm = all(rendered, "ConfigMap").stream()
                        .filter(m -> cmName.equals(get(m, "metadata.name")))
                        .findFirst();
                if (cm.isPresent()) {
                    data(cm.get()).forEach((k, v) -> env.put(k, String.valueOf(v)));
                } else if (!Boolean.TRUE.equals(get(from, "configMapRef.optional"))) {
                    problems.add("envFrom names ConfigMap " + cmName + ", which is not in the manifests");
                }
            }
            if (get(from, "secretRef.name") != null && !Boolean.TRUE.equals(get(from, "secretRef.optional"))) {
                problems.add("envFrom secretRef " + get(from, "secretRef.name") + " must be optional: its keys"
                        + " cannot be checked here");
            }
        }
        for (Map<String, Object> e : env(c)) {
            env.put((String) e.get("name"), e.get("value") == null ? "" : String.valueOf(e.get("value")));
        }
        return env;
    }

    static boolean fromSecret(Map<String, Object> deployment, String name) {
        return envVar(deployment, name)
                .map(e -> get(e, "valueFrom.secretKeyRef.name") != null
                        && get(e, "valueFrom.secretKeyRef.key") != null
                        && e.get("value") == null)
                .orElse(false);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The application's side

    static int appPort() {
        String port = app.getProperty("quarkus.http.port", "8080");
        assertTrue(port.matches("\\d+"), "quarkus.http.port is not a number: " + port);
        return Integer.parseInt(port);
    }

    /** A health endpoint's path as the application serves it (root path, non-application root, health root). */
    static String healthPath(String check) {
        String root = app.getProperty("quarkus.http.root-path", "/");
        String nonApp = app.getProperty("quarkus.http.non-application-root-path", "q");
        String health = app.getProperty("quarkus.smallrye-health.root-path", "health");
        String base = nonApp.startsWith("/") ? nonApp : join(root, nonApp);
        String h = health.startsWith("/") ? health : join(base, health);
        String property = switch (check) {
            case "live" -> "liveness-path";
            case "ready" -> "readiness-path";
            default -> "startup-path";
        };
        String sub = app.getProperty("quarkus.smallrye-health." + property, check);
        return sub.startsWith("/") ? sub : join(h, sub);
    }

    static String join(String a, String b) {
        return (a.endsWith("/") ? a : a + "/") + (b.startsWith("/") ? b.substring(1) : b);
    }

    static Set<String> publicPaths() {
        String policy = app.getProperty("quarkus.http.auth.permission.public.policy");
        if (!"permit".equals(policy)) {
            return Set.of();
        }
        return Stream.of(app.getProperty("quarkus.http.auth.permission.public.paths", "")
                        .split(","))
                .map(String::strip)
                .collect(Collectors.toSet());
    }

    /**
     * The settings the application reads, by environment-variable name: Quarkus's (from the config model each
     * extension ships in META-INF/quarkus-config-doc, with its phase), the application's own (its @ConfigMapping
     * interfaces and @ConfigProperty fields) and whatever application.properties sets.
     */
    record ConfigKeys(Map<String, String> exact, Map<Pattern, String> patterns) {

        static final String MODEL = "META-INF/quarkus-config-doc/quarkus-config-model.json";

        Optional<String> phase(String env) {
            String p = exact.get(env);
            if (p != null) {
                return Optional.of(p);
            }
            return patterns.entrySet().stream()
                    .filter(e -> e.getKey().matcher(env).matches())
                    .map(Map.Entry::getValue)
                    .findFirst();
        }

        static ConfigKeys load(Properties app) throws IOException {
            ConfigKeys keys = new ConfigKeys(new LinkedHashMap<>(), new LinkedHashMap<>());
            ObjectMapper json = new ObjectMapper();
            Enumeration<URL> models =
                    Thread.currentThread().getContextClassLoader().getResources(MODEL);
            int count = 0;
            while (models.hasMoreElements()) {
                try (InputStream in = models.nextElement().openStream()) {
                    keys.addModel(json.readTree(in));
                }
                count++;
            }
            assertTrue(count >= 10, "Quarkus's config models on the test class path: " + count);
            for (Class<?> type : appConfigClasses()) {
                ConfigMapping mapping = type.getAnnotation(ConfigMapping.class);
                if (mapping != null) {
                    keys.addMapping(mapping.prefix(), type);
                }
                for (var field : type.getDeclaredFields()) {
                    ConfigProperty cp = field.getAnnotation(ConfigProperty.class);
                    if (cp != null) {
                        keys.add(cp.name(), "RUN_TIME");
                    }
                }
            }
            for (String key : app.stringPropertyNames()) {
                String property = key.startsWith("%") ? key.substring(key.indexOf('.') + 1) : key;
                keys.exact.putIfAbsent(envName(property), "RUN_TIME");
            }
            return keys;
        }

        void addModel(JsonNode node) {
            if (node.isObject()) {
                JsonNode path = node.get("path");
                if (path != null && path.has("environmentVariable") && node.has("phase")) {
                    String phase = node.get("phase").asText();
                    add(path.get("property").asText(), phase);
                    for (JsonNode more : node.path("additionalPaths")) {
                        add(more.get("property").asText(), phase);
                    }
                }
            }
            node.forEach(this::addModel);
        }

        void add(String property, String phase) {
            if (property.contains("\"") || property.contains("*")) {
                patterns.putIfAbsent(envPattern(property), phase);
            } else {
                exact.putIfAbsent(envName(property), phase);
            }
        }

        /** The names of a @ConfigMapping interface: kebab-case methods, groups as prefixes, map keys as wildcards. */
        void addMapping(String prefix, Class<?> type) {
            for (Method m : type.getMethods()) {
                if (m.getParameterCount() > 0
                        || m.isDefault()
                        || Modifier.isStatic(m.getModifiers())
                        || m.getDeclaringClass() == Object.class) {
                    continue;
                }
                String name = isAnnotated(m, WithParentName.class)
                        ? prefix
                        : prefix + "."
                                + Optional.ofNullable(m.getAnnotation(WithName.class))
                                        .map(WithName::value)
                                        .orElse(kebab(m.getName()));
                Type t = m.getGenericReturnType();
                if (raw(t) == Optional.class) {
                    t = ((ParameterizedType) t).getActualTypeArguments()[0];
                }
                if (raw(t) == Map.class) {
                    name = name + ".*";
                    t = ((ParameterizedType) t).getActualTypeArguments()[1];
                }
                Class<?> r = raw(t);
                if (r.isInterface()
                        && r.getName().startsWith("dev.interlock.")
                        && !Collection.class.isAssignableFrom(r)) {
                    addMapping(name, r);
                } else {
                    add(name, "RUN_TIME");
                }
            }
        }

        static boolean isAnnotated(AnnotatedElement e, Class<? extends java.lang.annotation.Annotation> a) {
            return e.getAnnotation(a) != null;
        }

        static Class<?> raw(Type t) {
            return t instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) t;
        }

        static String kebab(String camel) {
            return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
        }

        /** MicroProfile Config's rule: every character but letters and digits becomes _, upper case. */
        static String envName(String property) {
            return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase();
        }

        /** A name with map keys ("tenant" or *) as a pattern: a key is one or more characters. */
        static Pattern envPattern(String property) {
            StringBuilder regex = new StringBuilder();
            Matcher m = Pattern.compile("\"[^\"]*\"|\\*").matcher(property);
            int at = 0;
            while (m.find()) {
                regex.append(Pattern.quote(envName(property.substring(at, m.start()))));
                regex.append(m.group().equals("*") ? "_?.+?_?" : "_.+_");
                at = m.end();
            }
            regex.append(Pattern.quote(envName(property.substring(at))));
            return Pattern.compile(regex.toString());
        }

        /** The application's classes that declare settings (found in target/classes by the annotations they use). */
        static List<Class<?>> appConfigClasses() throws IOException {
            Path classes = ROOT.resolve("target/classes");
            List<Class<?>> found = new ArrayList<>();
            try (Stream<Path> files = Files.walk(classes)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                    String bytes = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                    if (bytes.contains("io/smallrye/config/ConfigMapping")
                            || bytes.contains("org/eclipse/microprofile/config/inject/ConfigProperty")) {
                        String name = classes.relativize(f)
                                .toString()
                                .replace('/', '.')
                                .replaceAll("\\.class$", "");
                        try {
                            found.add(Class.forName(name, false, KubernetesManifestsTest.class.getClassLoader()));
                        } catch (ClassNotFoundException | LinkageError e) {
                            fail("cannot load " + name + ": " + e);
                        }
                    }
                }
            }
            assertTrue(found.size() >= 5, "the application's config classes: " + found);
            return found;
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // A small kustomize: resources (files and directories), strategic-merge patches, images, namespace.

    static final Set<String> KUSTOMIZATION_FIELDS =
            Set.of("apiVersion", "kind", "resources", "patches", "images", "namespace");

    static List<Map<String, Object>> render(Path dir) throws IOException {
        Map<String, Object> k = single(load(dir.resolve("kustomization.yaml")));
        assertTrue(
                KUSTOMIZATION_FIELDS.containsAll(k.keySet()),
                dir + ": this test renders only " + KUSTOMIZATION_FIELDS + ", not " + k.keySet());
        List<Map<String, Object>> out = new ArrayList<>();
        for (String r : strings(k.get("resources"))) {
            Path p = dir.resolve(r).normalize();
            out.addAll(Files.isDirectory(p) ? render(p) : load(p));
        }
        for (Map<String, Object> patch : maps(k.get("patches"))) {
            assertTrue(patch.keySet().equals(Set.of("path")), "only strategic-merge patches by path: " + patch);
            for (Map<String, Object> p : load(dir.resolve((String) patch.get("path")))) {
                List<Map<String, Object>> targets = out.stream()
                        .filter(d -> d.get("kind").equals(p.get("kind"))
                                && get(d, "metadata.name").equals(get(p, "metadata.name")))
                        .toList();
                assertEquals(1, targets.size(), patch + " must patch one resource, not " + targets.size());
                int i = out.indexOf(targets.get(0));
                out.set(i, map(merge(out.get(i), p, null)));
            }
        }
        for (Map<String, Object> image : maps(k.get("images"))) {
            boolean applied = false;
            for (Map<String, Object> d : out) {
                for (Map<String, Object> c : maps(get(d, "spec.template.spec.containers"))) {
                    String current = (String) c.get("image");
                    if (imageName(current).equals(image.get("name"))) {
                        String name = String.valueOf(image.getOrDefault("newName", imageName(current)));
                        String tag = String.valueOf(image.getOrDefault(
                                "newTag",
                                current.substring(imageName(current).length()).replaceFirst("^:", "")));
                        c.put("image", tag.isEmpty() ? name : name + ":" + tag);
                        applied = true;
                    }
                }
            }
            assertTrue(applied, dir + ": images entry " + image.get("name") + " matches no container image");
        }
        if (k.get("namespace") instanceof String ns) {
            out.forEach(d -> map(d.get("metadata")).put("namespace", ns));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    static Object merge(Object base, Object patch, String field) {
        if (base instanceof Map<?, ?> b && patch instanceof Map<?, ?> p) {
            Map<String, Object> out = new LinkedHashMap<>((Map<String, Object>) copy(b));
            p.forEach((key, value) -> {
                if (value == null) {
                    out.remove(key);
                } else {
                    out.put((String) key, merge(out.get(key), value, (String) key));
                }
            });
            return out;
        }
        if (base instanceof List<?> b && patch instanceof List<?> p && MERGE_KEYS.containsKey(field)) {
            String key = MERGE_KEYS.get(field);
            List<Object> out = new ArrayList<>((List<Object>) copy(b));
            for (Object item : p) {
                Object id = ((Map<?, ?>) item).get(key);
                int i = -1;
                for (int j = 0; j < out.size(); j++) {
                    if (Objects.equals(((Map<?, ?>) out.get(j)).get(key), id)) {
                        i = j;
                    }
                }
                if (i >= 0) {
                    out.set(i, merge(out.get(i), item, null));
                } else {
                    out.add(copy(item));
                }
            }
            return out;
        }
        return copy(patch);
    }

    static Object copy(Object o) {
        if (o instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put((String) k, copy(v)));
            return out;
        }
        if (o instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(v -> out.add(copy(v)));
            return out;
        }
        return o;
    }

    static String imageName(String image) {
        int slash = image.lastIndexOf('/');
        int colon = image.indexOf(':', slash + 1);
        int at = image.indexOf('@');
        int end = at >= 0 ? at : colon >= 0 ? colon : image.length();
        return image.substring(0, end);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // YAML and small helpers

    static List<Path> yamlFiles() throws IOException {
        try (Stream<Path> s = Files.walk(K8S)) {
            return s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .sorted()
                    .toList();
        }
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> load(Path file) throws IOException {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        Yaml yaml = new Yaml(new SafeConstructor(options));
        List<Map<String, Object>> docs = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(file)) {
            for (Object doc : yaml.loadAll(r)) {
                if (doc != null) {
                    assertTrue(doc instanceof Map, file + ": a document is not a mapping");
                    docs.add((Map<String, Object>) copy(doc));
                }
            }
        }
        return docs;
    }

    static void write(String name, List<Map<String, Object>> docs) throws IOException {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        Path dir = ROOT.resolve("target/kubernetes");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(name), new Yaml(options).dumpAll(docs.iterator()));
    }

    static Map<String, Object> single(List<Map<String, Object>> docs) {
        assertEquals(1, docs.size());
        return docs.get(0);
    }

    static List<Map<String, Object>> all(List<Map<String, Object>> docs, String kind) {
        return docs.stream().filter(d -> kind.equals(d.get("kind"))).toList();
    }

    static Map<String, Object> only(List<Map<String, Object>> docs, String kind) {
        List<Map<String, Object>> found = all(docs, kind);
        assertEquals(1, found.size(), "one " + kind + " expected");
        return found.get(0);
    }

    static Map<String, Object> container(Map<String, Object> deployment) {
        return maps(get(deployment, "spec.template.spec.containers")).stream()
                .filter(c -> CONTAINER.equals(c.get("name")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no container named " + CONTAINER));
    }

    static List<Map<String, Object>> ports(Map<String, Object> container) {
        return maps(container.get("ports"));
    }

    static List<Map<String, Object>> env(Map<String, Object> container) {
        return maps(container.get("env"));
    }

    static Optional<Map<String, Object>> envVar(Map<String, Object> deployment, String name) {
        return env(container(deployment)).stream()
                .filter(e -> name.equals(e.get("name")))
                .findFirst();
    }

    static Map<String, Object> data(Map<String, Object> configMap) {
        return map(configMap.get("data"));
    }

    /** A port by number, or by the name of a container port. */
    static Integer resolvePort(List<Map<String, Object>> ports, Object port) {
        if (port instanceof Integer i) {
            return ports.stream().anyMatch(p -> i.equals(p.get("containerPort"))) ? i : -1;
        }
        return ports.stream()
                .filter(p -> Objects.equals(p.get("name"), port))
                .map(p -> (Integer) p.get("containerPort"))
                .findFirst()
                .orElse(null);
    }

    static boolean selects(Map<String, String> selector, Map<String, String> labels) {
        return !selector.isEmpty() && labels.entrySet().containsAll(selector.entrySet());
    }

    /** Kubernetes quantities (512Mi, 1Gi) and Quarkus memory sizes (16M); bytes. */
    static long bytes(String size) {
        Matcher m = Pattern.compile("(\\d+)([KMGkmg]?)(i?)[Bb]?").matcher(size.strip());
        if (!m.matches()) {
            return -1;
        }
        long n = Long.parseLong(m.group(1));
        int shift = switch (m.group(2).toUpperCase()) {
            case "K" -> 10;
            case "M" -> 20;
            case "G" -> 30;
            default -> 0;
        };
        return n << shift;
    }

    static Object get(Map<String, Object> doc, String path) {
        return Values.at(doc, path);
    }

    @SuppressWarnings("unchecked")
    static void put(Map<String, Object> doc, String path, Object value) {
        String[] parts = path.split("\\.");
        Map<String, Object> at = doc;
        for (int i = 0; i < parts.length - 1; i++) {
            at = (Map<String, Object>) at.computeIfAbsent(parts[i], x -> new LinkedHashMap<>());
        }
        at.put(parts[parts.length - 1], value);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return o instanceof Map ? (Map<String, Object>) o : new LinkedHashMap<>();
    }

    static Map<String, String> stringMap(Object o) {
        Map<String, String> out = new LinkedHashMap<>();
        map(o).forEach((k, v) -> out.put(k, String.valueOf(v)));
        return out;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> maps(Object o) {
        return o instanceof List ? (List<Map<String, Object>>) o : List.of();
    }

    static List<String> strings(Object o) {
        return o instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
    }
}
