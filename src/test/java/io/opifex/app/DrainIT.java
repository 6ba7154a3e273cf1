package io.opifex.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** SIGTERM to the packaged broker under QoS 1 load: readiness DOWN, clients disconnected, nothing lost, exit 0. */
class DrainIT {

    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    private static final int IDLE_CLIENTS = 30;
    private static final int DISCONNECTS_PER_SECOND = 20;
    private static final int MAX_MESSAGES = 20_000;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofMillis(20);

    private Process broker;
    private final List<MqttClient> clients = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        for (MqttClient client : clients) {
            try {
                client.close(true);
            } catch (MqttException ignored) {
                // already closed by the broker
            }
        }
        if (broker != null) {
            broker.destroyForcibly();
        }
    }

    @Test
    @DisplayName("SIGTERM: readiness goes DOWN, clients are disconnected at the capped rate, accepted messages are kept, exit code 0")
    void drainsOnSigterm() throws Exception {
        int mqttPort = freePort();
        int managementPort = freePort();
        Path log = Files.createTempFile("opifex-drain", ".log");
        ProcessBuilder builder = new ProcessBuilder(javaExecutable(), "-jar", JAR.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("OPIFEX_TCP_HOST", "127.0.0.1");
        builder.environment().put("OPIFEX_TCP_PORT", String.valueOf(mqttPort));
        builder.environment().put("QUARKUS_MANAGEMENT_HOST", "127.0.0.1");
        builder.environment().put("QUARKUS_MANAGEMENT_PORT", String.valueOf(managementPort));
        builder.environment().put("OPIFEX_SHUTDOWN_DISCONNECT_RATE", String.valueOf(DISCONNECTS_PER_SECOND));
        builder.environment().put("OPIFEX_SHUTDOWN_DRAIN_TIMEOUT", "30s");
        broker = builder.start();
        String ready = "http://127.0.0.1:" + managementPort + "/q/health/ready";
        awaitStatus(ready, 200);

        String uri = "tcp://127.0.0.1:" + mqttPort;
        CountDownLatch lost = new CountDownLatch(IDLE_CLIENTS);
        for (int i = 0; i < IDLE_CLIENTS; i++) {
            MqttClient idle = connect(uri, "idle-" + i, true);
            idle.setCallback(onLost(lost::countDown, null));
        }
        Set<String> received = ConcurrentHashMap.newKeySet();
        MqttClient subscriber = new MqttClient(uri, "drain-subscriber", new MemoryPersistence());
        clients.add(subscriber);
        subscriber.setCallback(onLost(() -> { }, received));
        subscriber.connect(options(false));
        subscriber.subscribe("drain/load", 1);

        MqttClient publisher = connect(uri, "drain-publisher", true);
        AtomicInteger acknowledged = new AtomicInteger();
        AtomicBoolean stopPublishing = new AtomicBoolean();
        Thread load = new Thread(() -> {
            try {
                for (int i = 0; i < MAX_MESSAGES && !stopPublishing.get(); i++) {
                    publisher.publish("drain/load", String.valueOf(i).getBytes(StandardCharsets.UTF_8), 1, false);
                    acknowledged.incrementAndGet(); // the synchronous client returns after PUBACK
                }
            } catch (MqttException e) {
                // the drain closed the publisher: what was acknowledged before counts
            }
        }, "drain-load");
        load.start();
        await().atMost(TIMEOUT).pollInterval(POLL).untilAsserted(() ->
                assertThat(acknowledged.get()).as("QoS 1 load is flowing").isGreaterThanOrEqualTo(200));

        broker.destroy(); // SIGTERM
        boolean sawNotReady = awaitStatus(ready, 503);
        assertThat(lost.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("every client disconnected").isTrue();
        stopPublishing.set(true);
        load.join(TIMEOUT.toMillis());
        assertThat(broker.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("the broker exits").isTrue();
        assertThat(broker.exitValue()).isZero();
        assertThat(sawNotReady).as("readiness answered 503 while draining").isTrue();

        String output = Files.readString(log);
        Matcher kept = Pattern.compile("drained: (\\d+) persistent sessions kept with (\\d+) messages").matcher(output);
        assertThat(kept.find()).as("the drain reports what it kept:\n" + output).isTrue();
        long keptMessages = Long.parseLong(kept.group(2));
        assertThat(kept.group(1)).isEqualTo("1");
        assertThat(received.size() + keptMessages)
                .as("every acknowledged message was delivered or kept in the subscriber's session")
                .isGreaterThanOrEqualTo(acknowledged.get());
    }

    private MqttClient connect(String uri, String clientId, boolean clean) throws MqttException {
        MqttClient client = new MqttClient(uri, clientId, new MemoryPersistence());
        clients.add(client);
        client.connect(options(clean));
        return client;
    }

    private static MqttConnectOptions options(boolean clean) {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(clean);
        options.setAutomaticReconnect(false);
        options.setConnectionTimeout((int) TIMEOUT.toSeconds());
        options.setMaxInflight(100);
        return options;
    }

    private static MqttCallback onLost(Runnable lost, Set<String> received) {
        return new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
                lost.run();
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                if (received != null) {
                    received.add(new String(message.getPayload(), StandardCharsets.UTF_8));
                }
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
            }
        };
    }

    /** Polls until the endpoint answers {@code status}; false if it never did before the process went away. */
    private boolean awaitStatus(String url, int status) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        AtomicBoolean answered = new AtomicBoolean();
        await().atMost(TIMEOUT).pollInterval(POLL).alias(url + " answers " + status).until(() -> {
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                answered.set(response.statusCode() == status);
                return answered.get();
            } catch (IOException e) {
                return status != 200 && !broker.isAlive(); // gone without answering it
            }
        });
        return answered.get();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
