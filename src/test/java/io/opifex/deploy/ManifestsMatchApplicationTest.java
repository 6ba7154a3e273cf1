package io.opifex.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Keeps the Kubernetes manifests in {@code k8s/} consistent with the application's configuration:
 * ports, health endpoints and the shutdown drain bound. Plain YAML parsing, no Quarkus boot.
 *
 * <p>The configuration value the pod actually runs with is resolved the way Quarkus does it for the
 * JVM image: an environment variable on the container (e.g. {@code OPIFEX_TCP_PORT}) over
 * {@code k8s/application.yaml} (mounted as {@code /deployments/config/application.yaml}) over
 * {@code src/main/resources/application.yaml} over the default.
 */
class ManifestsMatchApplicationTest {

    private static final Path K8S = Path.of("k8s");
    private static final Path APPLICATION_YAML = Path.of("src", "main", "resources", "application.yaml");
    private static final Path CONFIGMAP_APPLICATION_YAML = K8S.resolve("application.yaml");
    /** Quarkus reads config/application.yaml relative to the working directory, /deployments in Dockerfile.jvm. */
    private static final String CONFIG_MOUNT_PATH = "/deployments/config";

    private static Map<String, Object> classpathConfig;
    private static Map<String, Object> configMapConfig;
    private static List<Map<String, Object>> objects;
    private static Map<String, Object> statefulSet;
    private static Map<String, Object> container;

    @BeforeAll
    static void load() throws IOException {
        classpathConfig = flatten(loadSingle(APPLICATION_YAML));
        configMapConfig = Files.exists(CONFIGMAP_APPLICATION_YAML) ? flatten(loadSingle(CONFIGMAP_APPLICATION_YAML)) : Map.of();
        objects = loadManifests();

        List<Map<String, Object>> statefulSets = ofKind("StatefulSet");
        assertThat(statefulSets).as("StatefulSets in k8s/").hasSize(1);
        statefulSet = statefulSets.get(0);
        List<Object> containers = list(at(statefulSet, "spec", "template", "spec", "containers"));
        assertThat(containers).as("containers of the broker pod").hasSize(1);
        container = map(containers.get(0));
    }

    // ------------------------------------------------------------------------------------------

    @Test
    void probesHitTheQuarkusHealthEndpoints() {
        assertThat(config("quarkus.management.root-path", "/q")).as("quarkus.management.root-path").isEqualTo("/q");
        assertThat(config("quarkus.smallrye-health.root-path", "health")).as("quarkus.smallrye-health.root-path").isEqualTo("health");

        assertThat(probe("startupProbe").get("path")).isEqualTo("/q/health/started");
        assertThat(probe("readinessProbe").get("path")).isEqualTo("/q/health/ready");
        assertThat(probe("livenessProbe").get("path")).isEqualTo("/q/health/live");
    }

    @Test
    void probesUseTheManagementPort() {
        int managementPort = managementPort();
        for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
            assertThat(containerPortNumber(probe(probe).get("port")))
                    .as("%s port vs quarkus.management.port", probe)
                    .isEqualTo(managementPort);
        }
    }

    @Test
    void containerPortsMatchTheConfiguration() {
        assertThat(containerPortNumber("mqtt")).as("container port mqtt vs opifex.tcp.port").isEqualTo(mqttPort());
        assertThat(containerPortNumber("management")).as("container port management vs quarkus.management.port")
                .isEqualTo(managementPort());
    }

    @Test
    void servicesTargetExistingContainerPorts() {
        List<Map<String, Object>> services = ofKind("Service");
        assertThat(services).as("Services in k8s/").isNotEmpty();
        for (Map<String, Object> service : services) {
            for (Object p : list(at(service, "spec", "ports"))) {
                Map<String, Object> port = map(p);
                Object target = port.getOrDefault("targetPort", port.get("port"));
                String what = name(service) + " port " + port.get("name");
                if (target instanceof String portName) {
                    assertThat(containerPortNames()).as("%s targets a container port name", what).contains(portName);
                } else {
                    assertThat(containerPortNumbers()).as("%s targets a container port", what).contains(((Number) target).intValue());
                }
            }
        }
    }

    @Test
    void mqttServiceExposesTheBrokerPort() {
        Map<String, Object> mqtt = servicePort(service("opifex"), "mqtt");
        assertThat(containerPortNumber(mqtt.get("targetPort"))).as("Service opifex port mqtt target").isEqualTo(mqttPort());
        assertThat(((Number) mqtt.get("port")).intValue()).as("Service opifex port mqtt").isEqualTo(mqttPort());
    }

    @Test
    void serviceMonitorScrapesTheManagementPort() {
        int managementPort = managementPort();
        List<Map<String, Object>> monitors = ofKind("ServiceMonitor");
        assertThat(monitors).as("ServiceMonitors in k8s/monitoring/").hasSize(1);
        Map<String, Object> monitor = monitors.get(0);
        Map<String, Object> selector = map(at(monitor, "spec", "selector", "matchLabels"));

        List<Object> endpoints = list(at(monitor, "spec", "endpoints"));
        assertThat(endpoints).isNotEmpty();
        for (Object e : endpoints) {
            Map<String, Object> endpoint = map(e);
            assertThat(endpoint.get("path")).as("ServiceMonitor path").isEqualTo("/q/metrics");
            String portName = (String) endpoint.get("port");
            // Every selected Service that has the port must route it to the management port.
            List<Map<String, Object>> scraped = ofKind("Service").stream()
                    .filter(s -> map(at(s, "metadata", "labels")).entrySet().containsAll(selector.entrySet()))
                    .filter(s -> findServicePort(s, portName).isPresent())
                    .toList();
            assertThat(scraped).as("selected Services with a port named %s", portName).hasSize(1);
            Map<String, Object> port = servicePort(scraped.get(0), portName);
            assertThat(((Number) port.get("port")).intValue()).as("Service management port").isEqualTo(managementPort);
            assertThat(containerPortNumber(port.get("targetPort"))).as("Service management targetPort").isEqualTo(managementPort);
        }
    }

    @Test
    void terminationGracePeriodExceedsTheDrainTimeout() {
        Duration drain = parseDuration(config("opifex.shutdown.drain-timeout", "30s"));
        Object grace = at(statefulSet, "spec", "template", "spec", "terminationGracePeriodSeconds");
        assertThat(grace).as("terminationGracePeriodSeconds must be set (the default 30s is not above the drain bound)")
                .isNotNull();
        assertThat(Duration.ofSeconds(((Number) grace).longValue()))
                .as("terminationGracePeriodSeconds vs opifex.shutdown.drain-timeout")
                .isGreaterThan(drain);
    }

    @Test
    void configMapIsMountedWhereQuarkusLooksForIt() {
        List<Object> volumes = list(at(statefulSet, "spec", "template", "spec", "volumes"));
        List<String> configVolumes = volumes.stream().map(ManifestsMatchApplicationTest::map)
                .filter(v -> v.get("configMap") != null).map(v -> (String) v.get("name")).toList();
        assertThat(configVolumes).as("ConfigMap volumes").hasSize(1);
        List<String> mountPaths = list(container.get("volumeMounts")).stream().map(ManifestsMatchApplicationTest::map)
                .filter(m -> configVolumes.contains(m.get("name"))).map(m -> (String) m.get("mountPath")).toList();
        assertThat(mountPaths).containsExactly(CONFIG_MOUNT_PATH);
    }

    @Test
    void durationsAreParsedTheWayQuarkusParsesThem() {
        assertThat(parseDuration("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(parseDuration("30")).isEqualTo(Duration.ofSeconds(30));
        assertThat(parseDuration("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(parseDuration("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(parseDuration("PT45S")).isEqualTo(Duration.ofSeconds(45));
    }

    // ------------------------------------------------------------------------------------------
    // Configuration

    private static int managementPort() {
        return Integer.parseInt(config("quarkus.management.port", "9000"));
    }

    private static int mqttPort() {
        return Integer.parseInt(config("opifex.tcp.port", "1883"));
    }

    /** Container env > k8s/application.yaml (ConfigMap) > src/main/resources/application.yaml > default. */
    private static String config(String key, String defaultValue) {
        String envName = key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
        for (Object e : list(container.get("env"))) {
            Map<String, Object> env = map(e);
            if (envName.equals(env.get("name")) && env.get("value") != null) {
                return String.valueOf(env.get("value"));
            }
        }
        if (configMapConfig.containsKey(key)) {
            return String.valueOf(configMapConfig.get(key));
        }
        if (classpathConfig.containsKey(key)) {
            return String.valueOf(classpathConfig.get(key));
        }
        return defaultValue;
    }

    /** Quarkus durations: ISO-8601 (PT30S), a plain number of seconds, or a number with ms, s, m, h or d. */
    static Duration parseDuration(String value) {
        String v = value.trim();
        if (v.startsWith("P") || v.startsWith("p")) {
            return Duration.parse(v);
        }
        Matcher m = Pattern.compile("(\\d+)(ms|s|m|h|d)?").matcher(v);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a Quarkus duration: " + value);
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    // ------------------------------------------------------------------------------------------
    // Manifests

    private static Map<String, Object> probe(String name) {
        Object probe = container.get(name);
        assertThat(probe).as("%s of the broker container", name).isNotNull();
        Object httpGet = map(probe).get("httpGet");
        assertThat(httpGet).as("%s.httpGet", name).isNotNull();
        return map(httpGet);
    }

    private static List<String> containerPortNames() {
        return list(container.get("ports")).stream().map(p -> (String) map(p).get("name")).toList();
    }

    private static List<Integer> containerPortNumbers() {
        return list(container.get("ports")).stream().map(p -> ((Number) map(p).get("containerPort")).intValue()).toList();
    }

    /** A port reference (name or number) resolved against the container's ports. */
    private static int containerPortNumber(Object ref) {
        if (ref instanceof Number n) {
            return n.intValue();
        }
        for (Object p : list(container.get("ports"))) {
            if (ref.equals(map(p).get("name"))) {
                return ((Number) map(p).get("containerPort")).intValue();
            }
        }
        return fail("the broker container has no port named " + ref);
    }

    private static Map<String, Object> service(String name) {
        return ofKind("Service").stream().filter(s -> name.equals(name(s))).findFirst()
                .orElseGet(() -> fail("no Service named " + name + " in k8s/"));
    }

    private static Optional<Map<String, Object>> findServicePort(Map<String, Object> service, String portName) {
        return list(at(service, "spec", "ports")).stream().map(ManifestsMatchApplicationTest::map)
                .filter(p -> portName.equals(p.get("name"))).findFirst();
    }

    private static Map<String, Object> servicePort(Map<String, Object> service, String portName) {
        return findServicePort(service, portName)
                .orElseGet(() -> fail("Service " + name(service) + " has no port named " + portName));
    }

    private static List<Map<String, Object>> ofKind(String kind) {
        return objects.stream().filter(o -> kind.equals(o.get("kind"))).toList();
    }

    private static String name(Map<String, Object> object) {
        return (String) map(object.get("metadata")).get("name");
    }

    /** Every Kubernetes object under k8s/ (kustomization files and generator inputs have no kind and are skipped). */
    private static List<Map<String, Object>> loadManifests() throws IOException {
        List<Map<String, Object>> result = new ArrayList<>();
        try (Stream<Path> files = Files.walk(K8S)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted().toList()) {
                try (Reader reader = Files.newBufferedReader(file)) {
                    for (Object doc : yaml().loadAll(reader)) {
                        if (doc instanceof Map<?, ?> m && m.get("kind") != null && !"Kustomization".equals(m.get("kind"))) {
                            result.add(map(m));
                        }
                    }
                }
            }
        }
        assertThat(result).as("Kubernetes objects under k8s/").isNotEmpty();
        return result;
    }

    private static Map<String, Object> loadSingle(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file)) {
            Object doc = yaml().load(reader);
            return doc == null ? Map.of() : map(doc);
        }
    }

    private static Yaml yaml() {
        return new Yaml(new SafeConstructor(new LoaderOptions()));
    }

    /** Nested YAML maps to dotted keys, as Quarkus sees them ({opifex: {tcp: {port: 1883}}} -> opifex.tcp.port). */
    private static Map<String, Object> flatten(Map<String, Object> tree) {
        Map<String, Object> flat = new LinkedHashMap<>();
        flatten("", tree, flat);
        return flat;
    }

    private static void flatten(String prefix, Map<String, Object> tree, Map<String, Object> flat) {
        for (Map.Entry<String, Object> e : tree.entrySet()) {
            String key = prefix.isEmpty() ? String.valueOf(e.getKey()) : prefix + "." + e.getKey();
            if (e.getValue() instanceof Map<?, ?> child) {
                flatten(key, map(child), flat);
            } else {
                flat.put(key, e.getValue());
            }
        }
    }

    private static Object at(Map<String, Object> root, String... path) {
        Object node = root;
        for (String step : path) {
            if (!(node instanceof Map<?, ?> m)) {
                return null;
            }
            node = m.get(step);
        }
        return node;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node) {
        return node == null ? Map.of() : (Map<String, Object>) node;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object node) {
        return node == null ? List.of() : (List<Object>) node;
    }
}
