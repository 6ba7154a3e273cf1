package io.opifex.server.e2e;

import static io.opifex.testing.Packets.connect;
import static io.opifex.testing.Packets.connackHex;
import static io.opifex.testing.Packets.subscribe;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.opifex.codec.packet.Puback;
import io.opifex.codec.packet.Publish;
import io.opifex.codec.packet.QoS;
import io.opifex.codec.packet.ReasonCode;
import io.opifex.codec.packet.Suback;
import io.opifex.server.BrokerSettings;
import io.opifex.server.e2e.Paho.Collector;
import io.opifex.server.e2e.Paho.KillableSockets;
import io.opifex.server.e2e.Paho.Received;
import io.opifex.testing.BrokerExtension;
import io.opifex.testing.Packets;
import io.opifex.testing.RawClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MqttDefaultFilePersistence;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A persistent subscriber loses its connection in the middle of a stream of messages and comes back: nothing
 * published may be lost, and a message seen twice must carry DUP the second time.
 */
class StreamResilienceTest {

    /** Messages Paho may have handed to the application but not yet completed when its socket was killed. */
    private static final int KILL_WINDOW = 8;

    private static final int MESSAGES = 2000;
    private static final Duration STREAM_DEADLINE = Duration.ofSeconds(120);

    /** The queue must hold the whole stream while the subscriber is away; the in-flight window stays default. */
    @RegisterExtension
    static final BrokerExtension broker = BrokerExtension.create().withSettings(new BrokerSettings(1000, 256, 32,
            10 * MESSAGES, 1024, 32, 100, Duration.ofSeconds(1)));

    /** Publishes 0..MESSAGES-1 on a Paho client in the background, each waiting for its acknowledgement. */
    private static CompletableFuture<Void> publishStream(String topic, int qos) {
        return CompletableFuture.runAsync(() -> {
            MqttClient publisher = null;
            try {
                publisher = Paho.connect(broker.embedded(), "stream-pub-" + topic.replace('/', '-'));
                for (int i = 0; i < MESSAGES; i++) {
                    Paho.publish(publisher, topic, String.valueOf(i), qos, false);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            } finally {
                Paho.closeQuietly(publisher);
            }
        });
    }

    private static RawClient rawSubscriber(String clientId, boolean expectSession) throws Exception {
        RawClient client = new RawClient(broker.port());
        client.send(connect(clientId, false, 60));
        assertThat(client.readPacketHex()).isEqualTo(connackHex(expectSession, 0));
        return client;
    }

    @Test
    @DisplayName("[MQTT-4.4.0-1] [MQTT-3.3.1-1] [MQTT-4.6.0-6] a raw QoS 1 subscriber dropped twice mid-stream "
            + "without acknowledging gets every message, resent ones with DUP, first copies in order")
    void rawSubscriberDroppedMidStreamLosesNothing() throws Exception {
        String clientId = "stream-raw";
        RawClient first = rawSubscriber(clientId, false);
        first.send(subscribe(1, "stream/raw", QoS.AT_LEAST_ONCE));
        assertThat(first.read(Suback.class).reasonCodes()).containsExactly(ReasonCode.GRANTED_QOS_1);
        CompletableFuture<Void> publishing = publishStream("stream/raw", 1);

        Map<Integer, List<Boolean>> copies = new HashMap<>(); // message -> DUP flag of each copy
        List<Integer> firstSeenOrder = new ArrayList<>();
        long deadline = System.nanoTime() + STREAM_DEADLINE.toNanos();

        // connection 1: acknowledge 500 messages, then read 20 more without acknowledging and drop the socket
        readAndAck(first, copies, firstSeenOrder, 500, true, deadline);
        readAndAck(first, copies, firstSeenOrder, 20, false, deadline);
        first.close();

        // connection 2: the session is there; acknowledge up to 1200 distinct, read 20 unacknowledged, drop again
        RawClient second = rawSubscriber(clientId, true);
        readAndAck(second, copies, firstSeenOrder, 1200 - copies.size(), true, deadline);
        readAndAck(second, copies, firstSeenOrder, 20, false, deadline);
        second.close();

        // connection 3: the rest, acknowledging everything
        try (RawClient third = rawSubscriber(clientId, true)) {
            while (copies.size() < MESSAGES) {
                readAndAck(third, copies, firstSeenOrder, 1, true, deadline);
            }
            publishing.get(STREAM_DEADLINE.toSeconds(), TimeUnit.SECONDS);
        }

        assertThat(copies.keySet()).as("every message arrived").hasSize(MESSAGES);
        assertThat(firstSeenOrder).as("first copies in publish order").isSorted();
        copies.forEach((message, dups) -> assertThat(dups.subList(1, dups.size()))
                .as("later copies of message %d carry DUP [MQTT-3.3.1-1]", message).allMatch(dup -> dup));
        assertThat(copies.values().stream().filter(d -> d.size() > 1).count())
                .as("the 40 unacknowledged messages were resent").isGreaterThanOrEqualTo(40);
        await().atMost(Duration.ofSeconds(30)).until(() -> broker.broker().stats().inflightMessages() == 0);
        try (RawClient end = new RawClient(broker.port())) {
            end.send(connect(clientId, true, 60)); // clean session 1 ends the stored session
            assertThat(end.readPacketHex()).isEqualTo(connackHex(false, 0));
        }
    }

    /** Reads {@code count} PUBLISHes (PUBACKing them if {@code ack}), recording each copy's DUP flag. */
    private static void readAndAck(RawClient client, Map<Integer, List<Boolean>> copies, List<Integer> firstSeen,
                                   int count, boolean ack, long deadline) throws Exception {
        for (int i = 0; i < count; i++) {
            assertThat(System.nanoTime()).as("stream deadline").isLessThan(deadline);
            Publish publish = client.read(Publish.class);
            assertThat(publish.qos()).isEqualTo(QoS.AT_LEAST_ONCE);
            int message = Integer.parseInt(new String(publish.payload(), StandardCharsets.UTF_8));
            List<Boolean> dups = copies.computeIfAbsent(message, m -> new ArrayList<>());
            if (dups.isEmpty()) {
                firstSeen.add(message);
            }
            dups.add(publish.dup());
            if (ack) {
                client.send(Packets.bytes(new Puback(publish.packetId())));
            }
        }
    }

    @ParameterizedTest(name = "[MQTT-4.4.0-1] a Paho QoS {0} subscriber whose socket is killed mid-stream gets "
            + "every message after reconnecting; duplicates only with DUP (none at QoS 2)")
    @ValueSource(ints = {1, 2})
    void pahoSubscriberKilledMidStreamLosesNothing(int qos, @TempDir Path clientState) throws Exception {
        String clientId = "stream-paho-" + qos;
        String topic = "stream/paho/" + qos;
        KillableSockets sockets = new KillableSockets();
        Collector firstReceived = new Collector();
        // the client's own state must survive too: at QoS 2 Paho hands a message over on PUBREL, so one it has
        // PUBRECed is its responsibility from then on (the broker resends only PUBREL) [MQTT-4.3.3-1]
        MqttClient first = Paho.client(broker.embedded(), clientId, new MqttDefaultFilePersistence(clientState.toString()));
        first.setCallback(firstReceived);
        MqttConnectOptions options = Paho.options(false);
        options.setSocketFactory(sockets);
        first.connect(options);
        Paho.subscribe(first, topic, qos);
        CompletableFuture<Void> publishing = publishStream(topic, qos);

        List<Received> all = new ArrayList<>(firstReceived.next(700));
        sockets.killAll();
        await().atMost(Duration.ofSeconds(30)).until(() -> firstReceived.lost != null);
        first.close();
        firstReceived.queue.drainTo(all); // anything handed over before the kill was noticed
        int beforeKill = all.size();

        Collector secondReceived = new Collector();
        MqttClient second = Paho.client(broker.embedded(), clientId, new MqttDefaultFilePersistence(clientState.toString()));
        second.setCallback(secondReceived);
        assertThat(second.connectWithResult(Paho.options(false)).getSessionPresent()).isTrue();
        try {
            Map<String, List<Boolean>> copies = new HashMap<>();
            all.forEach(r -> copies.computeIfAbsent(r.payload(), p -> new ArrayList<>()).add(r.dup()));
            long deadline = System.nanoTime() + STREAM_DEADLINE.toNanos();
            while (copies.size() < MESSAGES) {
                assertThat(System.nanoTime()).as("stream deadline, %d distinct so far", copies.size())
                        .isLessThan(deadline);
                Received r = secondReceived.next();
                assertThat(r.qos()).isEqualTo(qos);
                all.add(r);
                copies.computeIfAbsent(r.payload(), p -> new ArrayList<>()).add(r.dup());
            }
            publishing.get(STREAM_DEADLINE.toSeconds(), TimeUnit.SECONDS);

            assertThat(copies).as("every message arrived").hasSize(MESSAGES);
            // Paho hands a QoS 2 message to the application on PUBREL and only then sends PUBCOMP and clears its
            // own record of it; a kill in between makes Paho hand it over again after the broker's PUBREL resend,
            // from its stored copy (which has DUP 0). Only the messages handed over just before the kill can be in
            // that window; every other message must have come once, or again only with DUP.
            Set<String> inKillWindow = new HashSet<>();
            for (int i = Math.max(0, beforeKill - KILL_WINDOW); i < beforeKill; i++) {
                inKillWindow.add(all.get(i).payload());
            }
            copies.forEach((message, dups) -> {
                if (qos < 2 || !inKillWindow.contains(message)) {
                    assertThat(dups.subList(1, dups.size()))
                            .as("later copies of message %s carry DUP [MQTT-3.3.1-1]", message).allMatch(dup -> dup);
                }
            });
            if (qos == 2) {
                assertThat(copies.entrySet().stream().filter(e -> e.getValue().size() > 1)
                        .map(Map.Entry::getKey).filter(m -> !inKillWindow.contains(m)).toList())
                        .as("QoS 2: each message handed to the application once [MQTT-4.3.3-2]").isEmpty();
            }
        } finally {
            second.disconnect();
            Paho.closeQuietly(second);
            MqttClient end = Paho.connect(broker.embedded(), clientId, true, null); // ends the stored session
            Paho.closeQuietly(end);
        }
    }
}
