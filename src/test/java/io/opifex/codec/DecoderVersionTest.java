package io.opifex.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opifex.codec.DecodeError.Reason;
import io.opifex.codec.packet.Connack;
import io.opifex.codec.packet.Connect;
import io.opifex.codec.packet.MqttPacket;
import io.opifex.codec.packet.ProtocolVersion;
import io.opifex.codec.packet.Puback;
import io.opifex.codec.packet.ReasonCode;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The protocol version is decided once per connection, and the decoder reads everything after in its form. */
class DecoderVersionTest {

    /** CONNECT "MQIsdp" level 3, clean session, keep alive 10, client id "client1". */
    private static final String CONNECT_3_1 = "10 15 00 06 4d 51 49 73 64 70 03 02 00 0a 00 07 63 6c 69 65 6e 74 31";
    /** CONNECT "MQTT" level 4, clean session, keep alive 60, client id "abc". */
    private static final String CONNECT_3_1_1 = "10 0f 00 04 4d 51 54 54 04 02 00 3c 00 03 61 62 63";
    private static final String PUBACK_7 = "40 02 00 07";

    @Test
    @DisplayName("before any CONNECT no version is decided, and packets are read in the 3.1.1 form")
    void startsUndecided() {
        MqttDecoder decoder = decoder();
        CollectingSink sink = new CollectingSink();

        decoder.feed(Hex.buffer(PUBACK_7), sink);

        assertThat(decoder.protocolVersion()).isNull();
        assertThat(sink.packets).containsExactly(new Puback(7));
    }

    @Test
    @DisplayName("a server's decoder learns 3.1 from the CONNECT it decodes, however the bytes are split")
    void learnsMqtt31FromConnect() {
        assertLearnsFromConnect(CONNECT_3_1, ProtocolVersion.MQTT_3_1);
    }

    @Test
    @DisplayName("a server's decoder learns 3.1.1 from the CONNECT it decodes, however the bytes are split")
    void learnsMqtt311FromConnect() {
        assertLearnsFromConnect(CONNECT_3_1_1, ProtocolVersion.MQTT_3_1_1);
    }

    private static void assertLearnsFromConnect(String connectHex, ProtocolVersion expected) {
        byte[] stream = Hex.concat(Hex.bytes(connectHex), Hex.bytes(PUBACK_7));
        for (int splitAt = 0; splitAt <= stream.length; splitAt++) {
            MqttDecoder decoder = decoder();
            CollectingSink sink = new CollectingSink();

            decoder.feed(Buffer.buffer(stream).slice(0, splitAt), sink);
            decoder.feed(Buffer.buffer(stream).slice(splitAt, stream.length), sink);

            assertThat(sink.errors).as("split at %d", splitAt).isEmpty();
            assertThat(sink.packets).as("split at %d", splitAt).hasSize(2);
            assertThat(((Connect) sink.packets.get(0)).protocolVersion()).isEqualTo(expected);
            assertThat(sink.packets.get(1)).isEqualTo(new Puback(7));
            assertThat(decoder.protocolVersion()).as("split at %d", splitAt).isEqualTo(expected);
        }
    }

    @Test
    @DisplayName("the version is known by the time the sink gets the CONNECT, so the answer is encoded in its form")
    void versionIsDecidedBeforeTheSinkSeesTheConnect() {
        MqttDecoder decoder = decoder();
        ProtocolVersion[] seen = new ProtocolVersion[1];

        decoder.feed(Hex.buffer(CONNECT_3_1), new PacketSink() {
            @Override
            public void packet(MqttPacket packet) {
                seen[0] = decoder.protocolVersion();
            }

            @Override
            public void error(DecodeError error) {
                throw new AssertionError(error.toString());
            }
        });

        assertThat(seen[0]).isEqualTo(ProtocolVersion.MQTT_3_1);
    }

    @Test
    @DisplayName("[MQTT-3.1.0-2] a second CONNECT does not change the version the first decided")
    void secondConnectDoesNotChangeTheVersion_MQTT_3_1_0_2() {
        MqttDecoder decoder = decoder();
        CollectingSink sink = new CollectingSink();

        decoder.feed(Hex.buffer(CONNECT_3_1_1 + CONNECT_3_1), sink);

        assertThat(sink.packets).hasSize(2); // the server refuses the second one, not the codec
        assertThat(decoder.protocolVersion()).isEqualTo(ProtocolVersion.MQTT_3_1_1);
    }

    @Test
    @DisplayName("[MQTT-3.1.2-2] a CONNECT refused for its protocol level decides no version")
    void unsupportedLevelDecidesNoVersion_MQTT_3_1_2_2() {
        MqttDecoder decoder = decoder();
        CollectingSink sink = new CollectingSink();

        decoder.feed(Hex.buffer("10 0d 00 04 4d 51 54 54 05 02 00 3c 00 01 78"), sink); // "MQTT" level 5

        assertThat(sink.errors).extracting(DecodeError::reason).containsExactly(Reason.UNSUPPORTED_PROTOCOL_LEVEL);
        assertThat(decoder.protocolVersion()).isNull(); // the CONNACK refusing it is written in the 3.1.1 form
    }

    @Test
    @DisplayName("a client's decoder, told the version its CONNECT asked for, reads the CONNACK in that form")
    void clientDecoderToldTheVersion() {
        for (ProtocolVersion version : ProtocolVersion.values()) {
            MqttDecoder decoder = decoder();
            CollectingSink sink = new CollectingSink();

            decoder.protocolVersion(version);
            decoder.feed(Hex.buffer("20 02 01 00 20 02 00 04"), sink);

            assertThat(decoder.protocolVersion()).isEqualTo(version);
            assertThat(sink.packets).containsExactly(new Connack(true, ReasonCode.SUCCESS),
                    new Connack(false, ReasonCode.BAD_USER_NAME_OR_PASSWORD));
        }
    }

    @Test
    @DisplayName("the version is decided once: telling the same again is fine, another one fails")
    void versionIsDecidedOnce() {
        MqttDecoder told = decoder();
        told.protocolVersion(ProtocolVersion.MQTT_3_1);
        told.protocolVersion(ProtocolVersion.MQTT_3_1);

        assertThatThrownBy(() -> told.protocolVersion(ProtocolVersion.MQTT_3_1_1))
                .isInstanceOf(IllegalStateException.class);
        assertThat(told.protocolVersion()).isEqualTo(ProtocolVersion.MQTT_3_1);

        MqttDecoder learned = decoder();
        learned.feed(Hex.buffer(CONNECT_3_1_1), new CollectingSink());
        assertThatThrownBy(() -> learned.protocolVersion(ProtocolVersion.MQTT_3_1))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> learned.protocolVersion(null)).isInstanceOf(NullPointerException.class);
    }

    private static MqttDecoder decoder() {
        return new MqttDecoder(MqttDecoder.PROTOCOL_MAX_PACKET_SIZE);
    }
}
