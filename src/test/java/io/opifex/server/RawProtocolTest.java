package io.opifex.server;

import static io.opifex.testing.Packets.connect;
import static io.opifex.testing.Packets.connackHex;
import static io.opifex.testing.Packets.publish;
import static io.opifex.testing.Packets.subscribe;
import static org.assertj.core.api.Assertions.assertThat;

import io.opifex.codec.packet.Connack;
import io.opifex.codec.packet.Pingresp;
import io.opifex.codec.packet.Puback;
import io.opifex.codec.packet.Pubcomp;
import io.opifex.codec.packet.Publish;
import io.opifex.codec.packet.Pubrec;
import io.opifex.codec.packet.QoS;
import io.opifex.codec.packet.ReasonCode;
import io.opifex.codec.packet.Suback;
import io.opifex.codec.packet.Unsuback;
import io.opifex.testing.BrokerExtension;
import io.opifex.testing.Packets;
import io.opifex.testing.RawClient;
import io.opifex.codec.packet.Pubrel;
import io.opifex.codec.packet.Unsubscribe;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Byte-level protocol rules, with a raw socket sending what well-behaved clients never would. */
class RawProtocolTest {

    @RegisterExtension
    static final BrokerExtension broker = BrokerExtension.create();

    private RawClient connected(String clientId, boolean clean) throws Exception {
        RawClient client = new RawClient(broker.port());
        client.send(connect(clientId, clean, 60));
        assertThat(client.read(Connack.class).reasonCode()).isEqualTo(ReasonCode.SUCCESS);
        return client;
    }

    @Test
    @DisplayName("[MQTT-3.1.0-2] a second CONNECT is a protocol violation: the connection is closed")
    void closesOnSecondConnect() throws Exception {
        try (RawClient client = connected("second-connect", true)) {
            client.send(connect("second-connect", true, 60));
            assertThat(client.closedByBroker()).isTrue();
        }
    }

    @Test
    @DisplayName("[MQTT-3.1.2-2] an unsupported protocol level gets CONNACK 0x01 (3.1.1 form), then the close")
    void refusesUnsupportedProtocolLevel_MQTT_3_1_2_2() throws Exception {
        for (String connect : List.of(
                "100d 0004 4d515454 05 02 003c 0001 78",           // "MQTT" level 5
                "100f 0006 4d5149736470 04 02 003c 0001 78")) {    // "MQIsdp" level 4
            try (RawClient client = new RawClient(broker.port())) {
                client.sendHex(connect);
                assertThat(client.readPacketHex()).as(connect).isEqualTo(connackHex(false, 0x01));
                assertThat(client.closedByBroker()).as(connect).isTrue();
            }
        }
    }

    @Test
    @DisplayName("[MQTT-3.1.0-2] a second CONNECT with an unsupported level is closed without a CONNACK")
    void closesOnSecondConnectWithUnsupportedLevel() throws Exception {
        try (RawClient client = connected("second-connect-level", true)) {
            client.sendHex("100d 0004 4d515454 05 02 003c 0001 78");
            assertThat(client.closedByBroker()).isTrue(); // closedByBroker: no further bytes before the close
        }
    }

    @Test
    @DisplayName("[MQTT-3.1.3-8] empty client id with clean session 0 gets CONNACK 0x02 and the close")
    void rejectsEmptyClientIdWithPersistentSession() throws Exception {
        try (RawClient client = new RawClient(broker.port())) {
            client.send(connect("", false, 60));
            assertThat(client.readPacketHex()).isEqualTo(connackHex(false, 0x02));
            assertThat(client.closedByBroker()).isTrue();
        }
    }

    @Test
    @DisplayName("[MQTT-3.1.3-6] empty client id with clean session 1 is accepted with a generated id")
    void acceptsEmptyClientIdWithCleanSession() throws Exception {
        try (RawClient client = new RawClient(broker.port())) {
            client.send(connect("", true, 60));
            assertThat(client.readPacketHex()).isEqualTo(connackHex(false, 0x00));
            client.send(subscribe(1, "generated/id", QoS.AT_MOST_ONCE));
            assertThat(client.read(Suback.class).reasonCodes()).containsExactly(ReasonCode.GRANTED_QOS_0);
        }
    }

    @Test
    @DisplayName("[MQTT-3.1.3-9] a client id over the configured length gets CONNACK 0x02")
    void rejectsOverlongClientId() throws Exception {
        try (RawClient client = new RawClient(broker.port())) {
            client.send(connect("x".repeat(BrokerSettings.defaults().maxClientIdLength() + 1), true, 60));
            assertThat(client.readPacketHex()).isEqualTo(connackHex(false, 0x02));
            assertThat(client.closedByBroker()).isTrue();
        }
    }

    @Test
    @DisplayName("[MQTT-3.12.4-1] PINGREQ gets PINGRESP")
    void answersPing() throws Exception {
        try (RawClient client = connected("pinger", true)) {
            client.sendHex("c000");
            assertThat(client.read()).isEqualTo(Pingresp.INSTANCE);
        }
    }

    @Test
    @DisplayName("[MQTT-4.3.3-2] a QoS 2 PUBLISH resent with DUP before PUBREL is acknowledged but delivered once")
    void deliversQos2ExactlyOnceWhenResentWithDup() throws Exception {
        try (RawClient subscriber = connected("qos2-sub", true); RawClient publisher = connected("qos2-pub", true)) {
            subscriber.send(subscribe(1, "exactly/once", QoS.EXACTLY_ONCE));
            assertThat(subscriber.read(Suback.class).reasonCodes()).containsExactly(ReasonCode.GRANTED_QOS_2);

            publisher.send(publish("exactly/once", "one", QoS.EXACTLY_ONCE, 7, false, false));
            assertThat(publisher.read(Pubrec.class).packetId()).isEqualTo(7);
            publisher.send(publish("exactly/once", "one", QoS.EXACTLY_ONCE, 7, true, false));
            assertThat(publisher.read(Pubrec.class).packetId()).isEqualTo(7);
            publisher.send(Packets.bytes(new Pubrel(7)));
            assertThat(publisher.read(Pubcomp.class).packetId()).isEqualTo(7);
            // after PUBREL the id is free again: a new message with it is a new message
            publisher.send(publish("exactly/once", "two", QoS.EXACTLY_ONCE, 7, false, false));
            assertThat(publisher.read(Pubrec.class).packetId()).isEqualTo(7);
            publisher.send(Packets.bytes(new Pubrel(7)));
            assertThat(publisher.read(Pubcomp.class).packetId()).isEqualTo(7);

            Publish first = subscriber.read(Publish.class);
            Publish second = subscriber.read(Publish.class);
            assertThat(new String(first.payload(), StandardCharsets.UTF_8)).isEqualTo("one");
            assertThat(new String(second.payload(), StandardCharsets.UTF_8)).isEqualTo("two");
            for (Publish received : List.of(first, second)) {
                subscriber.send(Packets.bytes(new Pubrec(received.packetId())));
                assertThat(subscriber.read(Pubrel.class).packetId()).isEqualTo(received.packetId());
                subscriber.send(Packets.bytes(new Pubcomp(received.packetId())));
            }
            subscriber.sendHex("c000");
            assertThat(subscriber.read()).as("no third copy before the PINGRESP").isEqualTo(Pingresp.INSTANCE);
        }
    }

    @Test
    @DisplayName("[MQTT-4.3.2-2] QoS 1 PUBLISH gets PUBACK with its packet id")
    void acknowledgesQos1() throws Exception {
        try (RawClient client = connected("qos1-pub", true)) {
            client.send(publish("nobody/listens", "x", QoS.AT_LEAST_ONCE, 42, false, false));
            assertThat(client.read(Puback.class).packetId()).isEqualTo(42);
        }
    }

    @Test
    @DisplayName("[MQTT-3.10.4-4] [MQTT-3.10.4-5] UNSUBSCRIBE gets UNSUBACK, also for filters never subscribed")
    void acknowledgesUnsubscribe() throws Exception {
        try (RawClient client = connected("unsub", true)) {
            client.send(Packets.bytes(new Unsubscribe(9, List.of("never/subscribed"))));
            assertThat(client.read(Unsuback.class).packetId()).isEqualTo(9);
        }
    }

    @Test
    @DisplayName("[MQTT-3.1.4-2] a second connection with the same client id closes the first")
    void takesOverExistingConnection() throws Exception {
        try (RawClient first = connected("taken-over", true); RawClient second = connected("taken-over", true)) {
            assertThat(first.closedByBroker()).isTrue();
            second.sendHex("c000");
            assertThat(second.read()).isEqualTo(Pingresp.INSTANCE);
        }
    }

    @Test
    @DisplayName("[MQTT-3.2.2-2] [MQTT-4.4.0-1] a persistent session resends unacknowledged QoS 1 with DUP on reconnect")
    void resendsUnacknowledgedWithDupAfterReconnect() throws Exception {
        try (RawClient subscriber = connected("resend-sub", false)) {
            subscriber.send(subscribe(1, "resend/me", QoS.AT_LEAST_ONCE));
            assertThat(subscriber.read(Suback.class).reasonCodes()).containsExactly(ReasonCode.GRANTED_QOS_1);
            try (RawClient publisher = connected("resend-pub", true)) {
                publisher.send(publish("resend/me", "m1", QoS.AT_LEAST_ONCE, 1, false, false));
                assertThat(publisher.read(Puback.class).packetId()).isEqualTo(1);
            }
            Publish first = subscriber.read(Publish.class);
            assertThat(first.dup()).isFalse();
        } // closed without PUBACK
        try (RawClient again = new RawClient(broker.port())) {
            again.send(connect("resend-sub", false, 60));
            assertThat(again.readPacketHex()).isEqualTo(connackHex(true, 0));
            Publish resent = again.read(Publish.class);
            assertThat(resent.dup()).isTrue();
            assertThat(new String(resent.payload(), StandardCharsets.UTF_8)).isEqualTo("m1");
            again.send(Packets.bytes(new Puback(resent.packetId())));
        }
        try (RawClient clean = new RawClient(broker.port())) {
            clean.send(connect("resend-sub", true, 60)); // ends the session [MQTT-3.1.2-6]
            assertThat(clean.readPacketHex()).isEqualTo(connackHex(false, 0));
        }
    }

    @Test
    @DisplayName("[MQTT-3.1.4-5] after a refused CONNECT nothing the client sent behind it is processed")
    void ignoresDataAfterRefusedConnect() throws Exception {
        try (RawClient refused = new RawClient(broker.port())) {
            java.io.ByteArrayOutputStream both = new java.io.ByteArrayOutputStream();
            both.write(connect("", false, 60)); // refused with 0x02
            both.write(publish("refused/retained", "must not be kept", QoS.AT_MOST_ONCE, 0, false, true));
            refused.send(both.toByteArray());
            assertThat(refused.readPacketHex()).isEqualTo(connackHex(false, 0x02));
            assertThat(refused.closedByBroker()).isTrue();
        }
        try (RawClient probe = connected("refused-probe", true)) {
            probe.send(subscribe(1, "refused/retained", QoS.AT_MOST_ONCE));
            probe.read(Suback.class);
            probe.sendHex("c000");
            assertThat(probe.read()).as("no retained message before the PINGRESP").isEqualTo(Pingresp.INSTANCE);
        }
    }

    @Test
    @DisplayName("[MQTT-3.10.4-6] [MQTT-3.10.4-4] an UNSUBSCRIBE with several filters is one UNSUBACK with its packet id, and all are gone")
    void unsubscribesSeveralFiltersAtOnce() throws Exception {
        try (RawClient client = connected("multi-unsub", true); RawClient publisher = connected("multi-unsub-pub", true)) {
            client.send(Packets.bytes(new io.opifex.codec.packet.Subscribe(3, List.of(
                    new io.opifex.codec.packet.TopicSubscription("multi/a", QoS.AT_MOST_ONCE),
                    new io.opifex.codec.packet.TopicSubscription("multi/b", QoS.AT_MOST_ONCE),
                    new io.opifex.codec.packet.TopicSubscription("multi/c", QoS.AT_MOST_ONCE)))));
            Suback suback = client.read(Suback.class);
            assertThat(suback.packetId()).as("[MQTT-3.8.4-2] same packet id").isEqualTo(3);
            assertThat(suback.reasonCodes()).containsExactly(ReasonCode.GRANTED_QOS_0, ReasonCode.GRANTED_QOS_0,
                    ReasonCode.GRANTED_QOS_0);
            client.send(Packets.bytes(new Unsubscribe(11, List.of("multi/a", "multi/b"))));
            assertThat(client.read(Unsuback.class).packetId()).isEqualTo(11);
            publisher.send(publish("multi/a", "a", QoS.AT_MOST_ONCE, 0, false, false));
            publisher.send(publish("multi/b", "b", QoS.AT_MOST_ONCE, 0, false, false));
            publisher.send(publish("multi/c", "c", QoS.AT_MOST_ONCE, 0, false, false));
            Publish only = client.read(Publish.class);
            assertThat(only.topic()).isEqualTo("multi/c");
        }
    }
}
