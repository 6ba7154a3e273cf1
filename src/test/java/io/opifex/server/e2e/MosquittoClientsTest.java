package io.opifex.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.opifex.testing.BrokerExtension;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Mosquitto's command line clients (libmosquitto, a third implementation) as separate processes. */
class MosquittoClientsTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @RegisterExtension
    static final BrokerExtension broker = BrokerExtension.create();
    private final List<Process> processes = new ArrayList<>();

    @BeforeAll
    static void clientsInstalled() {
        assumeTrue(onPath("mosquitto_pub") && onPath("mosquitto_sub"),
                "mosquitto_pub/mosquitto_sub not installed (apt-get install mosquitto-clients; .ci/run does)");
    }

    @AfterEach
    void killLeftovers() {
        processes.forEach(Process::destroyForcibly);
        processes.clear();
    }

    private static boolean onPath(String binary) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (new File(dir, binary).canExecute()) {
                return true;
            }
        }
        return false;
    }

    /** A finished process: exit code and standard output. */
    private record Result(int exitCode, String out, String err) {
    }

    private final class Running {
        final Process process;
        final CompletableFuture<String> out;
        final CompletableFuture<String> err;

        Running(List<String> command) throws IOException {
            List<String> full = new ArrayList<>(command);
            full.addAll(List.of("-h", "127.0.0.1", "-p", String.valueOf(broker.port())));
            process = new ProcessBuilder(full).start();
            processes.add(process);
            out = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
            err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
        }

        Result await() throws Exception {
            assertThat(process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).as("%s finished", process.info())
                    .isTrue();
            return new Result(process.exitValue(), out.get(WAIT.toSeconds(), TimeUnit.SECONDS),
                    err.get(WAIT.toSeconds(), TimeUnit.SECONDS));
        }
    }

    private static String readAll(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "<" + e + ">";
        }
    }

    private Result run(String... command) throws Exception {
        return new Running(List.of(command)).await();
    }

    private void assertSucceeded(Result result) {
        assertThat(result.exitCode()).as("exit code; stderr: %s", result.err()).isZero();
    }

    /** Starts mosquitto_sub and waits until the broker holds its subscription. */
    private Running subscriber(String... arguments) throws Exception {
        long before = broker.broker().stats().subscriptions();
        List<String> command = new ArrayList<>(List.of("mosquitto_sub"));
        command.addAll(List.of(arguments));
        Running sub = new Running(command);
        await().atMost(WAIT).until(() -> broker.broker().stats().subscriptions() > before || !sub.process.isAlive());
        return sub;
    }

    @Test
    @DisplayName("[MQTT-3.8.4-6] mosquitto_sub at QoS 1 receives what mosquitto_pub sends at QoS 0, 1 and 2")
    void subReceivesPubAtEachQos() throws Exception {
        Running sub = subscriber("-i", "mosq-sub", "-t", "mosq/t", "-q", "1", "-C", "3", "-W", "30",
                "-F", "%q %t %p");
        for (int qos = 0; qos <= 2; qos++) {
            assertSucceeded(run("mosquitto_pub", "-i", "mosq-pub-" + qos, "-t", "mosq/t", "-q",
                    String.valueOf(qos), "-m", "at qos " + qos));
        }
        Result result = sub.await();
        assertSucceeded(result);
        assertThat(result.out().lines()).containsExactly("0 mosq/t at qos 0", "1 mosq/t at qos 1",
                "1 mosq/t at qos 2");
    }

    @Test
    @DisplayName("[MQTT-3.3.1-6] [MQTT-3.3.1-8] mosquitto_pub -r stores a retained message a later mosquitto_sub gets "
            + "with RETAIN 1")
    void retainedForLaterSubscriber() throws Exception {
        assertSucceeded(run("mosquitto_pub", "-i", "mosq-retain-pub", "-t", "mosq/retained", "-q", "1", "-r",
                "-m", "kept"));
        Result result = run("mosquitto_sub", "-i", "mosq-retain-sub", "-t", "mosq/retained", "-q", "2", "-C", "1",
                "-W", "30", "-F", "%r %q %t %p");
        assertSucceeded(result);
        assertThat(result.out().lines()).containsExactly("1 1 mosq/retained kept");
        assertSucceeded(run("mosquitto_pub", "-i", "mosq-retain-clear", "-t", "mosq/retained", "-r", "-n"));
    }

    @Test
    @DisplayName("[MQTT-3.1.2-5] [MQTT-3.2.2-2] mosquitto_sub -c gets the QoS 1 messages sent while it was away")
    void persistentSubscriberGetsQueuedMessages() throws Exception {
        assertSucceeded(run("mosquitto_sub", "-c", "-i", "mosq-persistent", "-t", "mosq/persistent", "-q", "1",
                "-E"));
        for (int i = 0; i < 3; i++) {
            assertSucceeded(run("mosquitto_pub", "-i", "mosq-persistent-pub", "-t", "mosq/persistent", "-q", "1",
                    "-m", "queued " + i));
        }
        Result result = run("mosquitto_sub", "-c", "-i", "mosq-persistent", "-t", "mosq/persistent", "-q", "1",
                "-C", "3", "-W", "30");
        assertSucceeded(result);
        assertThat(result.out().lines()).containsExactly("queued 0", "queued 1", "queued 2");
        // a clean connect ends the stored session
        assertSucceeded(run("mosquitto_sub", "-i", "mosq-persistent", "-t", "mosq/persistent", "-E"));
    }
}
