package io.opifex.server.e2e;

import static io.opifex.testing.Packets.connect;
import static io.opifex.testing.Packets.connackHex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.opifex.codec.packet.Pingresp;
import io.opifex.codec.packet.Puback;
import io.opifex.codec.packet.Publish;
import io.opifex.codec.packet.QoS;
import io.opifex.codec.packet.ReasonCode;
import io.opifex.codec.packet.Suback;
import io.opifex.codec.packet.Subscribe;
import io.opifex.codec.packet.TopicSubscription;
import io.opifex.server.BrokerSettings;
import io.opifex.testing.BrokerExtension;
import io.opifex.testing.Packets;
import io.opifex.testing.RawClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The configured limits, as clients see them. */
class LimitsTest {

    private static final int MAX_CONNECTIONS = 3;
    private static final int MAX_INFLIGHT = 4;
    private static final int MAX_TOPIC_LENGTH = 32;
    private static final int MAX_TOPIC_LEVELS = 4;
    private static final int MAX_SUBSCRIPTIONS = 3;
    private static final Duration WAIT = Duration.ofSeconds(30);

    @RegisterExtension
    static final BrokerExtension broker = BrokerExtension.create().withSettings(new BrokerSettings(MAX_CONNECTIONS,
            64, MAX_INFLIGHT, 100, MAX_TOPIC_LENGTH, MAX_TOPIC_LEVELS, MAX_SUBSCRIPTIONS, Duration.ofSeconds(1)));
    private final List<AutoCloseable> closing = new ArrayList<>();

    @BeforeEach
    void noClientsLeft() {
        await().atMost(WAIT).until(() -> broker.broker().stats().clientsConnected() == 0);
    }

    @AfterEach
    void closeClients() throws Exception {
        for (AutoCloseable c : closing) {
            c.close();
        }
        closing.clear();
    }

    private RawClient raw(String clientId) throws Exception {
        RawClient client = new RawClient(broker.port());
        closing.add(client);
        client.send(connect(clientId, true, 60));
        assertThat(client.readPacketHex()).isEqualTo(connackHex(false, 0));
        return client;
    }

    private static List<Integer> subscribe(RawClient client, int packetId, String... filters) throws Exception {
        List<TopicSubscription> subscriptions = new ArrayList<>();
        for (String filter : filters) {
            subscriptions.add(new TopicSubscription(filter, QoS.AT_LEAST_ONCE));
        }
        client.send(Packets.bytes(new Subscribe(packetId, subscriptions)));
        Suback suback = client.read(Suback.class);
        assertThat(suback.packetId()).isEqualTo(packetId);
        return suback.reasonCodes().stream().map(ReasonCode::value).toList(); // as on the wire
    }

    @Test
    @DisplayName("[MQTT-3.9.3-1] filters beyond the per-client subscription limit get 0x80, in their place; "
            + "replacing an existing filter still works")
    void subscriptionLimit() throws Exception {
        RawClient client = raw("limit-subs");
        assertThat(subscribe(client, 1, "a/1", "a/2", "a/3", "a/4")).containsExactly(1, 1, 1, 0x80);
        assertThat(subscribe(client, 2, "a/2", "a/5")).containsExactly(1, 0x80);
    }

    @Test
    @DisplayName("[MQTT-3.9.3-1] a filter over the topic length or level limit gets 0x80; the others are granted")
    void filterLimits() throws Exception {
        RawClient client = raw("limit-filters");
        String tooLong = "x".repeat(MAX_TOPIC_LENGTH + 1);
        String longest = "y".repeat(MAX_TOPIC_LENGTH);
        assertThat(subscribe(client, 1, tooLong, "a/b/c/d/e", longest)).containsExactly(0x80, 0x80, 1);
    }

    @Test
    @DisplayName("a PUBLISH to a topic over the length limit closes the connection")
    void publishTopicTooLong() throws Exception {
        RawClient client = raw("limit-pub-length");
        client.send(Packets.publish("x".repeat(MAX_TOPIC_LENGTH + 1), "p", QoS.AT_LEAST_ONCE, 1, false, false));
        assertThat(client.closedByBroker()).isTrue();
    }

    @Test
    @DisplayName("a PUBLISH to a topic over the level limit closes the connection")
    void publishTopicTooDeep() throws Exception {
        RawClient client = raw("limit-pub-levels");
        client.send(Packets.publish("a/b/c/d/e", "p", QoS.AT_MOST_ONCE, 0, false, false));
        assertThat(client.closedByBroker()).isTrue();
    }

    @Test
    @DisplayName("[MQTT-3.2.2-4] [MQTT-3.2.2-5] beyond the connection limit CONNECT gets CONNACK 0x03, session "
            + "present 0, then the close")
    void connectionLimit() throws Exception {
        for (int i = 0; i < MAX_CONNECTIONS; i++) {
            raw("limit-conn-" + i);
        }
        try (RawClient refused = new RawClient(broker.port())) {
            refused.send(connect("limit-conn-refused", false, 60));
            assertThat(refused.readPacketHex()).isEqualTo(connackHex(false, 0x03));
            assertThat(refused.closedByBroker()).isTrue();
        }
        MqttClient paho = Paho.client(broker.embedded(), "limit-conn-paho");
        try {
            assertThat(catchThrowableOfType(
                    () -> paho.connect(Paho.options(true)), MqttException.class)
                    .getReasonCode()).isEqualTo(3);
        } finally {
            paho.close(true);
        }
    }

    @Test
    @DisplayName("[MQTT-4.3.2-1] a subscriber that does not acknowledge gets exactly the in-flight window, then one "
            + "more PUBLISH per PUBACK, in order")
    void inflightWindow() throws Exception {
        RawClient subscriber = raw("limit-window");
        assertThat(subscribe(subscriber, 1, "window/t")).containsExactly(1);
        int total = MAX_INFLIGHT + 3;
        MqttClient publisher = Paho.connect(broker.embedded(), "limit-window-pub");
        closing.add(() -> Paho.closeQuietly(publisher));
        for (int i = 0; i < total; i++) {
            Paho.publish(publisher, "window/t", "m" + i, 1, false);
        }
        await().atMost(WAIT).until(() -> broker.broker().stats().queuedMessages() == total - MAX_INFLIGHT);

        List<Publish> window = new ArrayList<>();
        for (int i = 0; i < MAX_INFLIGHT; i++) {
            window.add(subscriber.read(Publish.class));
        }
        assertNothingMoreBeforePing(subscriber);
        int next = MAX_INFLIGHT;
        for (Publish acked : window) {
            subscriber.send(Packets.bytes(new Puback(acked.packetId())));
            if (next < total) {
                Publish released = subscriber.read(Publish.class);
                assertThat(new String(released.payload(), StandardCharsets.UTF_8)).isEqualTo("m" + next++);
            }
            assertNothingMoreBeforePing(subscriber);
        }
        assertThat(window).extracting(p -> new String(p.payload(), StandardCharsets.UTF_8))
                .containsExactly("m0", "m1", "m2", "m3");
    }

    /** Everything the broker had to send went out before it answers a PINGREQ sent now. */
    private static void assertNothingMoreBeforePing(RawClient client) throws Exception {
        client.sendHex("c000");
        assertThat(client.read()).as("PINGRESP, no further PUBLISH").isEqualTo(Pingresp.INSTANCE);
    }
}
