package io.opifex.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The class-data sharing archive the image builds (src/main/docker/appcds.sh): the script trains the packaged broker
 * and writes an archive, and a broker started with it maps its own classes from it and becomes ready.
 */
class AppCdsIT {

    private static final Path APP = Path.of("target", "quarkus-app");
    private static final Path SCRIPT = Path.of("src", "main", "docker", "appcds.sh");
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final Pattern MANAGEMENT_PORT =
            Pattern.compile("Management interface listening on http://127\\.0\\.0\\.1:(\\d+)");
    /** The broker's own wiring: loaded at every start, so a usable archive always holds it. */
    private static final String ARCHIVED_CLASS = "io.opifex.app.BrokerService source: shared objects file (top)";

    private Process script;
    private Process broker;

    @AfterEach
    void stopProcesses() {
        for (Process process : new Process[] {script, broker}) {
            if (process != null) {
                process.descendants().forEach(ProcessHandle::destroyForcibly); // the script's java, by its pid
                process.destroyForcibly();
            }
        }
    }

    @Test
    @DisplayName("appcds.sh writes an archive from a training run, and a broker started with it loads its classes from it")
    void archiveFromTrainingRunIsUsedAtStartUp(@TempDir Path dir) throws Exception {
        Path archive = dir.resolve("app-cds.jsa");
        Path trainingLog = dir.resolve("training.log");
        ProcessBuilder training = new ProcessBuilder("bash", SCRIPT.toString(), archive.toString(), APP.toString())
                .redirectErrorStream(true).redirectOutput(trainingLog.toFile());
        training.environment().put("JAVA", javaExecutable());
        training.environment().put("JAVA_OPTS", "-XX:+UseSerialGC -Xms32m");
        script = training.start();
        assertThat(script.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("appcds.sh finished").isTrue();
        assertThat(script.exitValue()).as(Files.readString(trainingLog)).isZero();
        assertThat(archive).isNotEmptyFile();

        Path log = dir.resolve("broker.log");
        ProcessBuilder builder = new ProcessBuilder(javaExecutable(), "-XX:+UseSerialGC", "-Xms32m",
                "-XX:SharedArchiveFile=" + archive, "-Xlog:class+load=info", "-jar",
                APP.resolve("quarkus-run.jar").toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("OPIFEX_TCP_HOST", "127.0.0.1");
        builder.environment().put("OPIFEX_TCP_PORT", "0");
        builder.environment().put("QUARKUS_MANAGEMENT_HOST", "127.0.0.1");
        builder.environment().put("QUARKUS_MANAGEMENT_PORT", "0");
        broker = builder.start();

        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(200)).until(() -> {
            Matcher port = MANAGEMENT_PORT.matcher(Files.readString(log));
            return port.find() && status(http, "http://127.0.0.1:" + port.group(1) + "/q/health/ready") == 200;
        });
        assertThat(Files.readString(log)).contains(ARCHIVED_CLASS).doesNotContain("[warning][cds");
    }

    private static int status(HttpClient http, String url) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception notYet) {
            return -1;
        }
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
