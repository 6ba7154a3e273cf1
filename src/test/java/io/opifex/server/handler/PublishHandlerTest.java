package io.opifex.server.handler;

import static org.assertj.core.api.Assertions.assertThat;

import io.opifex.codec.packet.Puback;
import io.opifex.codec.packet.Publish;
import io.opifex.codec.packet.Pubrec;
import io.opifex.codec.packet.QoS;
import io.opifex.connection.CloseReason;
import io.opifex.server.auth.ClientIdentity;
import io.opifex.server.message.Message;
import io.opifex.server.port.Routing;
import io.opifex.server.session.DrainListener;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** PUBLISH at each QoS, without a socket: what is routed, what is acknowledged, in which order. */
class PublishHandlerTest {

    private final List<String> events = new ArrayList<>();
    private int congested;
    private final Routing routing = new Routing() {
        @Override
        public int publishFrom(ClientIdentity client, Message message, DrainListener publisher) {
            events.add("routed " + message.topic() + (publisher == null ? "" : " with flow control"));
            return congested;
        }

        @Override
        public int publish(Message message, DrainListener publisher) {
            throw new AssertionError("a client's message is always authorized");
        }
    };
    private final PublishHandler handler = new PublishHandler(routing, new TopicLimits(20, 3));
    private final FakeClient client = new FakeClient() {
        @Override
        public void send(io.opifex.codec.packet.MqttPacket packet) {
            events.add("sent " + packet.type());
            super.send(packet);
        }
    };

    PublishHandlerTest() {
        FakeClient connected = FakeClient.connected("publisher");
        client.identity = connected.identity;
        client.session = connected.session;
    }

    private static Publish publish(String topic, QoS qos, int packetId) {
        return new Publish(topic, qos, false, false, packetId, new byte[] {42});
    }

    @Test
    @DisplayName("QoS 0 is routed and not acknowledged; nobody pauses for it")
    void qos0() {
        handler.handle(client, publish("a/b", QoS.AT_MOST_ONCE, 0));
        assertThat(events).containsExactly("routed a/b");
    }

    @Test
    @DisplayName("[MQTT-4.3.2-2] QoS 1 is routed before its PUBACK goes out")
    void qos1RoutedThenAcknowledged() {
        handler.handle(client, publish("a/b", QoS.AT_LEAST_ONCE, 7));
        assertThat(events).containsExactly("routed a/b with flow control", "sent PUBACK");
        assertThat(client.sent).containsExactly(new Puback(7));
    }

    @Test
    @DisplayName("[MQTT-4.3.3-2] a QoS 2 resend before PUBREL is acknowledged again but routed once")
    void qos2RoutedOnce() {
        handler.handle(client, publish("a/b", QoS.EXACTLY_ONCE, 9));
        handler.handle(client, new Publish("a/b", QoS.EXACTLY_ONCE, false, true, 9, new byte[] {42}));
        assertThat(events).containsExactly("routed a/b with flow control", "sent PUBREC", "sent PUBREC");
        assertThat(client.sent).containsExactly(new Pubrec(9), new Pubrec(9));
    }

    @Test
    @DisplayName("a QoS 1 message that reached congested sessions pauses its publisher for each of them")
    void congestionPausesThePublisher() {
        congested = 2;
        handler.handle(client, publish("a/b", QoS.AT_LEAST_ONCE, 1));
        assertThat(client.pausedFor).isEqualTo(2);
        assertThat(client.sent).containsExactly(new Puback(1));
    }

    @Test
    @DisplayName("a topic over the configured limits closes the connection: 3.1.1 has no negative acknowledgement")
    void topicOverLimitsCloses() {
        handler.handle(client, publish("a/b/c/d", QoS.AT_LEAST_ONCE, 1));
        assertThat(events).isEmpty();
        assertThat(client.closedWith).isEqualTo(CloseReason.PROTOCOL_ERROR);
        assertThat(client.protocolError).contains("levels");
    }
}
