package io.opifex.server;

import static io.opifex.testing.Packets.connect;
import static io.opifex.testing.Packets.publish;
import static io.opifex.testing.Packets.subscribe;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.opifex.codec.packet.Connack;
import io.opifex.codec.packet.MqttPacket;
import io.opifex.codec.packet.Pingresp;
import io.opifex.codec.packet.Puback;
import io.opifex.codec.packet.Publish;
import io.opifex.codec.packet.QoS;
import io.opifex.codec.packet.Suback;
import io.opifex.testing.BrokerExtension;
import io.opifex.testing.RawClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two CONNECTs for one stored session at the same moment: one connection wins, and it gets every message. */
class ConcurrentConnectTest {

    private static final int QUEUED = 5;
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(10);

    /** A fresh broker for each repetition: the race starts from a stored session nobody has touched. */
    @RegisterExtension
    final BrokerExtension broker = BrokerExtension.create().perTest();

    @RepeatedTest(5)
    @DisplayName("[MQTT-3.1.4-2] simultaneous CONNECTs for a stored session leave one connection with all its messages")
    void simultaneousConnectsForStoredSession() throws Exception {
        try (RawClient subscriber = new RawClient(broker.port())) {
            subscriber.send(connect("twice", false, 0));
            subscriber.read(Connack.class);
            subscriber.send(subscribe(1, "race/t", QoS.AT_LEAST_ONCE));
            subscriber.read(Suback.class);
            subscriber.sendHex("e000");
            assertThat(subscriber.closedByBroker()).isTrue();
        }
        try (RawClient publisher = new RawClient(broker.port())) {
            publisher.send(connect("race-publisher", true, 0));
            publisher.read(Connack.class);
            for (int i = 1; i <= QUEUED; i++) {
                publisher.send(publish("race/t", "m" + i, QoS.AT_LEAST_ONCE, i, false, false));
                publisher.read(Puback.class);
            }
        }
        try (RawClient first = new RawClient(broker.port()); RawClient second = new RawClient(broker.port())) {
            byte[] connect = connect("twice", false, 0);
            Set<String> received = java.util.concurrent.ConcurrentHashMap.newKeySet();
            Reader a = new Reader(first, received);
            Reader b = new Reader(second, received);
            first.send(connect);
            second.send(connect);
            a.start();
            b.start();
            // the loser is closed (taken over, perhaps after its CONNACK and some messages it acknowledged);
            // between them the two connections got every message
            await().atMost(WAIT).pollInterval(POLL).untilAsserted(() -> {
                assertThat(a.isAlive() ^ b.isAlive()).as("exactly one connection was closed").isTrue();
                assertThat(received).as("every message arrived").containsExactlyInAnyOrder("m1", "m2", "m3", "m4", "m5");
            });
            Reader winner = a.isAlive() ? a : b;
            winner.client.sendHex("c000");
            await().atMost(WAIT).pollInterval(POLL).until(() -> winner.pinged || !winner.isAlive());
            assertThat(winner.pinged).as("the surviving connection still answers").isTrue();
        }
    }

    /** Reads one connection until it closes, acknowledging each PUBLISH. */
    private static final class Reader extends Thread {
        final RawClient client;
        final Set<String> received;
        volatile boolean pinged;

        Reader(RawClient client, Set<String> received) {
            this.client = client;
            this.received = received;
            setDaemon(true);
        }

        @Override
        public void run() {
            try {
                while (true) {
                    MqttPacket packet = client.read();
                    if (packet instanceof Publish message) {
                        received.add(new String(message.payload(), StandardCharsets.UTF_8));
                        client.send(io.opifex.testing.Packets.bytes(new Puback(message.packetId())));
                    } else if (packet instanceof Pingresp) {
                        pinged = true;
                    }
                }
            } catch (IOException closed) {
                // taken over, or closed at the end of the test
            }
        }
    }
}
