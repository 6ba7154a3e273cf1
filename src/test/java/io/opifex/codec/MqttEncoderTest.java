package io.opifex.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opifex.codec.packet.Connect;
import io.opifex.codec.packet.Pingreq;
import io.opifex.codec.packet.ProtocolVersion;
import io.opifex.codec.packet.Publish;
import io.opifex.codec.packet.Puback;
import io.opifex.codec.packet.QoS;
import io.opifex.codec.packet.ReasonCode;
import io.opifex.codec.packet.Suback;
import io.opifex.codec.packet.Subscribe;
import io.opifex.codec.packet.TopicSubscription;
import io.opifex.codec.packet.Unsubscribe;
import io.opifex.codec.packet.Will;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What the encoder refuses, and batching. Exact bytes are in {@link WireVectorTest}. */
class MqttEncoderTest {

    private static final ProtocolVersion V3_1_1 = ProtocolVersion.MQTT_3_1_1;
    private static final String MAX_STRING = "a".repeat(Utf8.MAX_ENCODED_LENGTH);
    private static final String TOO_LONG_STRING = "a".repeat(Utf8.MAX_ENCODED_LENGTH + 1);

    @Test
    @DisplayName("a topic of exactly 65535 bytes is encoded and decodes back")
    void encodesLongestTopic() {
        Publish publish = new Publish(MAX_STRING, QoS.AT_MOST_ONCE, false, false, 0, new byte[0]);

        CollectingSink sink = Decoding.feedWhole(MqttEncoder.encode(publish, V3_1_1).getBytes());

        assertThat(sink.packets).containsExactly(publish);
    }

    @Test
    @DisplayName("a topic of 65536 bytes cannot be encoded")
    void refusesTooLongTopic() {
        Publish publish = new Publish(TOO_LONG_STRING, QoS.AT_MOST_ONCE, false, false, 0, new byte[0]);

        assertThatThrownBy(() -> MqttEncoder.encode(publish, V3_1_1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MqttEncoder.encodedLength(publish, V3_1_1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("a 3-byte character that pushes a string over 65535 bytes cannot be encoded")
    void countsBytesNotChars() {
        String topic = "€".repeat(Utf8.MAX_ENCODED_LENGTH / 3) + "a";

        assertThatThrownBy(() -> MqttEncoder.encode(new Publish(topic, QoS.AT_MOST_ONCE, false, false, 0,
                new byte[0]), V3_1_1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("client id, user name, will topic and filters over 65535 bytes cannot be encoded")
    void refusesTooLongStringsEverywhere() {
        Will will = new Will(TOO_LONG_STRING, new byte[0], QoS.AT_MOST_ONCE, false);
        List<Runnable> encodings = List.of(
                () -> MqttEncoder.encode(connect(TOO_LONG_STRING, null, null, null), V3_1_1),
                () -> MqttEncoder.encode(connect("c", will, null, null), V3_1_1),
                () -> MqttEncoder.encode(connect("c", null, TOO_LONG_STRING, null), V3_1_1),
                () -> MqttEncoder.encode(new Subscribe(1, List.of(new TopicSubscription(TOO_LONG_STRING,
                        QoS.AT_MOST_ONCE))), V3_1_1),
                () -> MqttEncoder.encode(new Unsubscribe(1, List.of(TOO_LONG_STRING)), V3_1_1));
        for (Runnable encoding : encodings) {
            assertThatThrownBy(encoding::run).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    @DisplayName("a password or will message over 65535 bytes cannot be encoded")
    void refusesTooLongBinary() {
        byte[] tooLong = new byte[Utf8.MAX_ENCODED_LENGTH + 1];
        Will will = new Will("w", tooLong, QoS.AT_MOST_ONCE, false);

        assertThatThrownBy(() -> MqttEncoder.encode(connect("c", null, "u", tooLong), V3_1_1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MqttEncoder.encode(connect("c", will, null, null), V3_1_1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("[MQTT-3.1.2-22] a password without a user name cannot be encoded")
    void refusesPasswordWithoutUserName_MQTT_3_1_2_22() {
        assertThatThrownBy(() -> MqttEncoder.encode(connect("c", null, null, new byte[] {1}), V3_1_1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MQTT-3.1.2-22");
    }

    @Test
    @DisplayName("[MQTT-3.8.3-3] [MQTT-3.10.3-2] empty SUBSCRIBE, UNSUBSCRIBE and SUBACK cannot be encoded")
    void refusesEmptyLists() {
        assertThatThrownBy(() -> MqttEncoder.encode(new Subscribe(1, List.of()), V3_1_1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MqttEncoder.encode(new Unsubscribe(1, List.of()), V3_1_1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MqttEncoder.encode(new Suback(1, List.of()), V3_1_1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("[MQTT-3.9.3-2] a 3.1.1 SUBACK cannot carry a code that is neither a granted QoS nor an error")
    void refusesReservedSubackCode_MQTT_3_9_3_2() {
        for (ReasonCode code : ReasonCode.values()) {
            if (code.grantedQoS() == null && !code.isError()) {
                Buffer out = Buffer.buffer();

                assertThatThrownBy(() -> MqttEncoder.encode(new Suback(1, List.of(ReasonCode.GRANTED_QOS_1, code)),
                        V3_1_1, out)).as(code.name()).isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("MQTT-3.9.3-2");
                assertThat(out.length()).as("nothing written before refusing").isZero();
            }
        }
    }

    @Test
    @DisplayName("[MQTT-1.5.3-2] a string with U+0000 cannot be encoded")
    void refusesNullCharacter_MQTT_1_5_3_2() {
        assertThatThrownBy(() -> MqttEncoder.encode(connect("a\u0000", null, null, null), V3_1_1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("[MQTT-1.5.3-1] [MQTT-1.5.3-2] a PUBLISH topic with U+0000 or an unpaired surrogate cannot be encoded")
    void refusesInvalidPublishTopic() {
        for (String topic : List.of("a/\u0000", "\u0000", "a/\ud800", "a/\u00e4\udc00", "\udbff")) {
            Publish publish = new Publish(topic, QoS.AT_LEAST_ONCE, false, false, 1, new byte[0]);
            Buffer out = Buffer.buffer();

            assertThatThrownBy(() -> MqttEncoder.encode(publish, V3_1_1)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> MqttEncoder.encode(publish, V3_1_1, out))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(out.length()).as("nothing written before refusing").isZero();
        }
    }

    @Test
    @DisplayName("several packets appended to one buffer decode back in order")
    void batchesPackets() {
        Buffer batch = Buffer.buffer();
        Publish publish = new Publish("a/b", QoS.AT_LEAST_ONCE, false, false, 5, new byte[] {9});
        MqttEncoder.encode(publish, V3_1_1, batch);
        MqttEncoder.encode(new Puback(5), V3_1_1, batch);
        MqttEncoder.encode(Pingreq.INSTANCE, V3_1_1, batch);

        CollectingSink sink = Decoding.feedWhole(batch.getBytes());

        assertThat(sink.packets).containsExactly(publish, new Puback(5), Pingreq.INSTANCE);
        assertThat(batch.length()).isEqualTo(MqttEncoder.encodedLength(publish, V3_1_1)
                + MqttEncoder.encodedLength(new Puback(5), V3_1_1)
                + MqttEncoder.encodedLength(Pingreq.INSTANCE, V3_1_1));
    }

    private static Connect connect(String clientId, Will will, String userName, byte[] password) {
        return new Connect(ProtocolVersion.MQTT_3_1_1, clientId, true, 0, will, userName, password);
    }
}
