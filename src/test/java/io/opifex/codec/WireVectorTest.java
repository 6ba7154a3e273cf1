package io.opifex.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.opifex.codec.WireVectors.Vector;
import io.opifex.codec.packet.MqttPacket;
import io.opifex.codec.packet.ProtocolVersion;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every packet type, both directions, byte for byte. */
class WireVectorTest {

    private static final String VECTORS = "io.opifex.codec.WireVectors#all";
    private static final ProtocolVersion V3_1_1 = ProtocolVersion.MQTT_3_1_1;

    @ParameterizedTest(name = "{0}")
    @MethodSource(VECTORS)
    @DisplayName("decodes the vector into the expected record")
    void decodesVector(Vector vector) {
        CollectingSink sink = Decoding.feedWhole(vector.bytes());

        assertThat(sink.errors).isEmpty();
        assertThat(sink.packets).containsExactly(vector.packet());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(VECTORS)
    @DisplayName("encodes the record into exactly the vector's bytes")
    void encodesVector(Vector vector) {
        Buffer encoded = MqttEncoder.encode(vector.packet(), V3_1_1);

        assertThat(Hex.of(encoded)).isEqualTo(Hex.of(vector.bytes()));
        assertThat(MqttEncoder.encodedLength(vector.packet(), V3_1_1)).isEqualTo(vector.bytes().length);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(VECTORS)
    @DisplayName("before a CONNECT decided the version, the record is encoded in the 3.1.1 form")
    void encodesVectorWithoutVersion(Vector vector) {
        Buffer encoded = MqttEncoder.encode(vector.packet(), null);

        assertThat(Hex.of(encoded)).isEqualTo(Hex.of(vector.bytes()));
        assertThat(MqttEncoder.encodedLength(vector.packet(), null)).isEqualTo(vector.bytes().length);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(VECTORS)
    @DisplayName("appending to a buffer that already holds bytes adds exactly the vector")
    void appendsVector(Vector vector) {
        Buffer out = Buffer.buffer().appendByte((byte) 0x7e);

        MqttEncoder.encode(vector.packet(), V3_1_1, out);

        assertThat(Hex.of(out.slice(1, out.length()))).isEqualTo(Hex.of(vector.bytes()));
        assertThat(out.getByte(0)).isEqualTo((byte) 0x7e);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(VECTORS)
    @DisplayName("encoding then decoding gives back an equal record")
    void roundTrips(Vector vector) {
        CollectingSink sink = Decoding.feedWhole(MqttEncoder.encode(vector.packet(), V3_1_1).getBytes());

        assertThat(sink.errors).isEmpty();
        assertThat(sink.packets).containsExactly(vector.packet());
    }

    @Test
    @DisplayName("a 2 MB PUBLISH uses a four-byte remaining length, both directions")
    void fourByteRemainingLength() {
        Vector vector = WireVectors.fourByteRemainingLength();

        Buffer encoded = MqttEncoder.encode(vector.packet(), V3_1_1);
        CollectingSink sink = Decoding.feedWhole(vector.bytes());

        assertThat(encoded.getBytes()).isEqualTo(vector.bytes());
        assertThat(sink.errors).isEmpty();
        assertThat(sink.packets).containsExactly(vector.packet());
    }

    @Test
    @DisplayName("the largest remaining length 268,435,455 is encoded as ff ff ff 7f")
    void largestRemainingLength() {
        Buffer out = Buffer.buffer();

        RemainingLength.append(RemainingLength.MAX, out);

        assertThat(Hex.of(out)).isEqualTo("ff ff ff 7f");
    }

    @Test
    @DisplayName("remaining length boundaries 127/128, 16383/16384, 2097151/2097152 switch byte counts")
    void remainingLengthBoundaries() {
        assertThat(lengthBytes(0)).isEqualTo("00");
        assertThat(lengthBytes(127)).isEqualTo("7f");
        assertThat(lengthBytes(128)).isEqualTo("80 01");
        assertThat(lengthBytes(16_383)).isEqualTo("ff 7f");
        assertThat(lengthBytes(16_384)).isEqualTo("80 80 01");
        assertThat(lengthBytes(2_097_151)).isEqualTo("ff ff 7f");
        assertThat(lengthBytes(2_097_152)).isEqualTo("80 80 80 01");
    }

    private static String lengthBytes(int value) {
        Buffer out = Buffer.buffer();
        RemainingLength.append(value, out);
        assertThat(out.length()).isEqualTo(RemainingLength.encodedSize(value));
        return Hex.of(out);
    }

    @Test
    @DisplayName("the decoded PUBLISH is the same record type the encoder takes")
    void decodedPacketTypeMatches() {
        for (Vector vector : WireVectors.all()) {
            MqttPacket decoded = Decoding.feedWhole(vector.bytes()).packets.get(0);
            assertThat(decoded.type()).as(vector.name()).isEqualTo(vector.packet().type());
        }
    }
}
