package io.opifex.server;

import static io.opifex.testing.Packets.publish;
import static io.opifex.testing.Packets.subscribe;
import static io.opifex.testing.RawSessions.assertNothingElseBeforePing;
import static io.opifex.testing.RawSessions.connected;
import static io.opifex.testing.RawSessions.publishExactlyOnce;
import static io.opifex.testing.RawSessions.reconnected;
import static io.opifex.testing.RawSessions.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import io.opifex.codec.packet.MqttPacket;
import io.opifex.codec.packet.PacketIds;
import io.opifex.codec.packet.Puback;
import io.opifex.codec.packet.Pubcomp;
import io.opifex.codec.packet.Publish;
import io.opifex.codec.packet.Pubrec;
import io.opifex.codec.packet.Pubrel;
import io.opifex.codec.packet.QoS;
import io.opifex.codec.packet.ReasonCode;
import io.opifex.codec.packet.Suback;
import io.opifex.codec.packet.Unsubscribe;
import io.opifex.testing.BrokerExtension;
import io.opifex.testing.Packets;
import io.opifex.testing.RawClient;
import io.opifex.testing.RawSessions;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The packet identifiers the broker puts on the wire: the ids of its own QoS 1/2 PUBLISHes (section 2.3.1 applied
 * to the server by [MQTT-2.3.1-4]) and the ids of its acknowledgements. A raw subscriber holds back some
 * acknowledgements so that ids stay in use while others come and go.
 */
class OutboundPacketIdsTest {

    private static final Duration AWAIT = Duration.ofSeconds(30);
    /** Publisher messages per round trip: well under the congestion mark and the queue limit, so none is dropped. */
    private static final int BATCH = 200;

    @RegisterExtension
    final BrokerExtension broker = BrokerExtension.create().perTest();

    @Test
    @DisplayName("[MQTT-2.3.1-6] [MQTT-2.3.1-7] [MQTT-3.6.4-1] PUBACK, PUBREC, PUBREL, PUBCOMP, SUBACK and UNSUBACK carry the packet id of the packet they answer")
    void answersEachPacketWithItsPacketId() throws Exception {
        try (RawClient subscriber = connected(broker.port(), "ids-acks-sub", true);
             RawClient publisher = connected(broker.port(), "ids-acks-pub", true)) {
            // ids with both bytes distinct and the top bit set, so a swapped or truncated id shows
            subscriber.send(subscribe(0x12_34, "ids/acks", QoS.EXACTLY_ONCE));
            assertThat(subscriber.readPacketHex()).isEqualTo("9003" + "1234" + "02");

            ByteArrayOutputStream two = new ByteArrayOutputStream();
            two.write(publish("ids/acks", "one", QoS.AT_LEAST_ONCE, 0x81_02, false, false));
            two.write(publish("ids/acks", "two", QoS.AT_LEAST_ONCE, 0x00_01, false, false));
            publisher.send(two.toByteArray());
            assertThat(publisher.readPacketHex()).isEqualTo("4002" + "8102");
            assertThat(publisher.readPacketHex()).isEqualTo("4002" + "0001");

            ByteArrayOutputStream exactlyOnce = new ByteArrayOutputStream();
            exactlyOnce.write(publish("ids/acks", "three", QoS.EXACTLY_ONCE, 0xFF_FF, false, false));
            exactlyOnce.write(publish("ids/acks", "four", QoS.EXACTLY_ONCE, 0x00_80, false, false));
            publisher.send(exactlyOnce.toByteArray());
            assertThat(publisher.readPacketHex()).isEqualTo("5002" + "ffff");
            assertThat(publisher.readPacketHex()).isEqualTo("5002" + "0080");
            publisher.send(Packets.bytes(new Pubrel(0x00_80)));
            assertThat(publisher.readPacketHex()).isEqualTo("7002" + "0080");
            publisher.send(Packets.bytes(new Pubrel(0xFF_FF)));
            assertThat(publisher.readPacketHex()).isEqualTo("7002" + "ffff");

            // the broker's PUBREL answers the PUBREC it got, not the latest PUBLISH: acknowledge newest first
            List<Publish> received = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                received.add(subscriber.read(Publish.class));
            }
            assertThat(received).extracting(RawSessions::text).containsExactly("one", "two", "three", "four");
            for (int i = received.size() - 1; i >= 0; i--) {
                Publish message = received.get(i);
                if (message.qos() == QoS.AT_LEAST_ONCE) {
                    subscriber.send(Packets.bytes(new Puback(message.packetId())));
                } else {
                    subscriber.send(Packets.bytes(new Pubrec(message.packetId())));
                    assertThat(subscriber.readPacketHex()).isEqualTo("6202" + hex(message.packetId()));
                    subscriber.send(Packets.bytes(new Pubcomp(message.packetId())));
                }
            }

            subscriber.send(Packets.bytes(new Unsubscribe(0xAB_CD, List.of("ids/acks"))));
            assertThat(subscriber.readPacketHex()).isEqualTo("b002" + "abcd");
            await().atMost(AWAIT).until(() -> broker.broker().stats().inflightMessages() == 0);
        }
    }

    @Test
    @DisplayName("[MQTT-2.3.1-2] [MQTT-2.3.1-4] a new PUBLISH never takes an id still unacknowledged, also once the ids wrap past 65535")
    void neverReusesAnUnacknowledgedPacketId() throws Exception {
        try (RawClient subscriber = connected(broker.port(), "ids-wrap-sub", true);
             RawClient publisher = connected(broker.port(), "ids-wrap-pub", true)) {
            subscriber.send(subscribe(1, "ids/wrap", QoS.EXACTLY_ONCE));
            assertThat(subscriber.read(Suback.class).reasonCodes()).containsExactly(ReasonCode.GRANTED_QOS_2);

            // one id held in each unacknowledged state: QoS 1 before PUBACK, QoS 2 before PUBREC and before PUBCOMP
            publisher.send(publish("ids/wrap", "held-puback", QoS.AT_LEAST_ONCE, 1, false, false));
            publisher.read(Puback.class);
            Publish awaitingPuback = subscriber.read(Publish.class);
            publishExactlyOnce(publisher, "ids/wrap", "held-pubrec", 2);
            Publish awaitingPubrec = subscriber.read(Publish.class);
            publishExactlyOnce(publisher, "ids/wrap", "held-pubcomp", 3);
            Publish awaitingPubcomp = subscriber.read(Publish.class);
            subscriber.send(Packets.bytes(new Pubrec(awaitingPubcomp.packetId())));
            assertThat(subscriber.read(Pubrel.class).packetId()).isEqualTo(awaitingPubcomp.packetId());
            Set<Integer> held = Set.of(awaitingPuback.packetId(), awaitingPubrec.packetId(),
                    awaitingPubcomp.packetId());
            assertThat(held).as("[MQTT-2.3.1-2] three messages in flight, three ids").hasSize(3);

            // more messages than there are ids: whatever the allocation, every free id is taken again
            int total = PacketIds.MAX + BATCH;
            int sent = 0;
            while (sent < total) {
                ByteArrayOutputStream batch = new ByteArrayOutputStream();
                for (int i = 1; i <= BATCH; i++) {
                    batch.write(publish("ids/wrap", String.valueOf(sent + i), QoS.AT_LEAST_ONCE, i, false, false));
                }
                publisher.send(batch.toByteArray());
                for (int i = 1; i <= BATCH; i++) {
                    Publish message = subscriber.read(Publish.class);
                    if (held.contains(message.packetId()) || message.dup()
                            || !text(message).equals(String.valueOf(sent + i))) {
                        fail("message %d of %d: %s reuses an id in flight %s", sent + i, total, message, held);
                    }
                    subscriber.send(Packets.bytes(new Puback(message.packetId())));
                }
                for (int i = 1; i <= BATCH; i++) {
                    publisher.read(Puback.class);
                }
                sent += BATCH;
            }

            // the held ones still complete under their own ids [MQTT-2.3.1-6]
            subscriber.send(Packets.bytes(new Puback(awaitingPuback.packetId())));
            subscriber.send(Packets.bytes(new Pubrec(awaitingPubrec.packetId())));
            assertThat(subscriber.read(Pubrel.class).packetId()).isEqualTo(awaitingPubrec.packetId());
            subscriber.send(Packets.bytes(new Pubcomp(awaitingPubrec.packetId())));
            subscriber.send(Packets.bytes(new Pubcomp(awaitingPubcomp.packetId())));
            assertNothingElseBeforePing(subscriber);
            await().atMost(AWAIT).until(() -> broker.broker().stats().inflightMessages() == 0);
            assertThat(broker.broker().stats().messagesDropped()).isZero();
        }
    }

    @Test
    @DisplayName("[MQTT-2.3.1-3] [MQTT-2.3.1-4] on reconnect unacknowledged PUBLISH and PUBREL are resent with their first ids, and new messages take other ids")
    void resendsWithTheSamePacketIds() throws Exception {
        Publish qos1;
        Publish qos2;
        Publish released;
        try (RawClient publisher = connected(broker.port(), "ids-resend-pub", true)) {
            try (RawClient subscriber = connected(broker.port(), "ids-resend-sub", false)) {
                subscriber.send(subscribe(1, "ids/resend", QoS.EXACTLY_ONCE));
                assertThat(subscriber.read(Suback.class).reasonCodes()).containsExactly(ReasonCode.GRANTED_QOS_2);
                publisher.send(publish("ids/resend", "qos1", QoS.AT_LEAST_ONCE, 1, false, false));
                publisher.read(Puback.class);
                qos1 = subscriber.read(Publish.class);
                publishExactlyOnce(publisher, "ids/resend", "qos2", 2);
                qos2 = subscriber.read(Publish.class);
                publishExactlyOnce(publisher, "ids/resend", "released", 3);
                released = subscriber.read(Publish.class);
                subscriber.send(Packets.bytes(new Pubrec(released.packetId())));
                assertThat(subscriber.read(Pubrel.class).packetId()).isEqualTo(released.packetId());
            } // leaves with all three unfinished
            await().atMost(AWAIT).until(() -> broker.broker().stats().clientsConnected() == 1);
            // queued while offline, sent after the resends with fresh ids
            publisher.send(publish("ids/resend", "offline", QoS.AT_LEAST_ONCE, 4, false, false));
            publisher.read(Puback.class);

            try (RawClient again = reconnected(broker.port(), "ids-resend-sub")) {
                List<Publish> resent = new ArrayList<>();
                Pubrel pubrel = null;
                for (int i = 0; i < 3; i++) {
                    MqttPacket packet = again.read();
                    if (packet instanceof Pubrel rel) {
                        pubrel = rel;
                    } else if (packet instanceof Publish p) {
                        resent.add(p);
                    } else {
                        fail("expected the resends but got %s", packet);
                    }
                }
                assertThat(pubrel).as("[MQTT-4.4.0-1] past PUBREC only PUBREL is resent").isNotNull();
                assertThat(pubrel.packetId()).isEqualTo(released.packetId());
                assertThat(resent).extracting(Publish::packetId).containsExactly(qos1.packetId(), qos2.packetId());
                assertThat(resent).extracting(RawSessions::text).containsExactly("qos1", "qos2");
                assertThat(resent).allMatch(Publish::dup);

                Set<Integer> inUse = new HashSet<>(Set.of(qos1.packetId(), qos2.packetId(), released.packetId()));
                Publish offline = again.read(Publish.class);
                assertThat(text(offline)).isEqualTo("offline");
                assertThat(offline.dup()).isFalse();
                assertThat(inUse.add(offline.packetId())).as("[MQTT-2.3.1-2] %s takes an id in use", offline)
                        .isTrue();
                publisher.send(publish("ids/resend", "online", QoS.AT_LEAST_ONCE, 5, false, false));
                publisher.read(Puback.class);
                Publish online = again.read(Publish.class);
                assertThat(text(online)).isEqualTo("online");
                assertThat(inUse.add(online.packetId())).as("[MQTT-2.3.1-2] %s takes an id in use", online)
                        .isTrue();

                again.send(Packets.bytes(new Puback(qos1.packetId())));
                again.send(Packets.bytes(new Pubrec(qos2.packetId())));
                assertThat(again.read(Pubrel.class).packetId()).isEqualTo(qos2.packetId());
                again.send(Packets.bytes(new Pubcomp(qos2.packetId())));
                again.send(Packets.bytes(new Pubcomp(released.packetId())));
                again.send(Packets.bytes(new Puback(offline.packetId())));
                again.send(Packets.bytes(new Puback(online.packetId())));
                assertNothingElseBeforePing(again);
                await().atMost(AWAIT).until(() -> broker.broker().stats().inflightMessages() == 0);
            }
        }
    }

    private static String hex(int packetId) {
        return String.format("%04x", packetId);
    }
}
