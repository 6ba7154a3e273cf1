package io.opifex.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opifex.codec.packet.Connack;
import io.opifex.codec.packet.ConnectReturnCode;
import io.opifex.codec.packet.MqttPacket;
import io.opifex.codec.packet.ProtocolVersion;
import io.opifex.codec.packet.Puback;
import io.opifex.codec.packet.Pubcomp;
import io.opifex.codec.packet.Pubrec;
import io.opifex.codec.packet.Pubrel;
import io.opifex.codec.packet.ReasonCode;
import io.opifex.codec.packet.Suback;
import io.opifex.codec.packet.Unsuback;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The acknowledgements (CONNACK, PUBACK, PUBREC, PUBREL, PUBCOMP, SUBACK, UNSUBACK) in the form of each protocol
 * version, byte for byte, both directions; and what a version's form cannot carry.
 */
class AckVectorTest {

    private static final String MQTT_3_VECTORS = "io.opifex.codec.AckVectorTest#mqtt3Vectors";
    /** Every reason code a CONNACK may carry in MQTT 5.0 (section 3.2.2.2), plus Server shutting down. */
    private static final List<ReasonCode> ON_CONNACK = List.of(ReasonCode.SUCCESS, ReasonCode.UNSPECIFIED_ERROR,
            ReasonCode.MALFORMED_PACKET, ReasonCode.PROTOCOL_ERROR, ReasonCode.IMPLEMENTATION_SPECIFIC_ERROR,
            ReasonCode.UNSUPPORTED_PROTOCOL_VERSION, ReasonCode.CLIENT_IDENTIFIER_NOT_VALID,
            ReasonCode.BAD_USER_NAME_OR_PASSWORD, ReasonCode.NOT_AUTHORIZED, ReasonCode.SERVER_UNAVAILABLE,
            ReasonCode.SERVER_BUSY, ReasonCode.BANNED, ReasonCode.SERVER_SHUTTING_DOWN,
            ReasonCode.BAD_AUTHENTICATION_METHOD, ReasonCode.TOPIC_NAME_INVALID, ReasonCode.PACKET_TOO_LARGE,
            ReasonCode.QUOTA_EXCEEDED, ReasonCode.PAYLOAD_FORMAT_INVALID, ReasonCode.RETAIN_NOT_SUPPORTED,
            ReasonCode.QOS_NOT_SUPPORTED, ReasonCode.USE_ANOTHER_SERVER, ReasonCode.SERVER_MOVED,
            ReasonCode.CONNECTION_RATE_EXCEEDED);

    /** A vector and the version whose form it is. */
    record Versioned(ProtocolVersion version, String hex, MqttPacket packet) {

        @Override
        public String toString() {
            return version + ": " + packet + " = " + hex;
        }
    }

    /** MQTT 3.1 and 3.1.1 write acknowledgements alike: the same bytes under both versions. */
    static List<Versioned> mqtt3Vectors() {
        List<Versioned> vectors = new ArrayList<>();
        for (ProtocolVersion version : List.of(ProtocolVersion.MQTT_3_1, ProtocolVersion.MQTT_3_1_1)) {
            vectors.add(new Versioned(version, "40 02 00 01", new Puback(1, ReasonCode.SUCCESS)));
            vectors.add(new Versioned(version, "50 02 12 34", new Pubrec(0x1234, ReasonCode.SUCCESS)));
            vectors.add(new Versioned(version, "62 02 ab cd", new Pubrel(0xabcd, ReasonCode.SUCCESS)));
            vectors.add(new Versioned(version, "70 02 ff ff", new Pubcomp(0xffff, ReasonCode.SUCCESS)));
            vectors.add(new Versioned(version, "b0 02 00 03", new Unsuback(3, List.of())));
            vectors.add(new Versioned(version,
                    "90 06 00 07"          // SUBACK, remaining length 6, packet id 7
                            + " 00 01 02 80",  // granted QoS 0, 1, 2, failure
                    new Suback(7, List.of(ReasonCode.GRANTED_QOS_0, ReasonCode.GRANTED_QOS_1,
                            ReasonCode.GRANTED_QOS_2, ReasonCode.UNSPECIFIED_ERROR))));
            // CONNACK: acknowledge flags (session present), then the return code
            vectors.add(new Versioned(version, "20 02 01 00", new Connack(true, ReasonCode.SUCCESS)));
            vectors.add(new Versioned(version, "20 02 00 00", new Connack(false, ReasonCode.SUCCESS)));
            vectors.add(new Versioned(version, "20 02 00 01",
                    new Connack(false, ReasonCode.UNSUPPORTED_PROTOCOL_VERSION)));
            vectors.add(new Versioned(version, "20 02 00 02",
                    new Connack(false, ReasonCode.CLIENT_IDENTIFIER_NOT_VALID)));
            vectors.add(new Versioned(version, "20 02 00 03", new Connack(false, ReasonCode.SERVER_UNAVAILABLE)));
            vectors.add(new Versioned(version, "20 02 00 04",
                    new Connack(false, ReasonCode.BAD_USER_NAME_OR_PASSWORD)));
            vectors.add(new Versioned(version, "20 02 00 05", new Connack(false, ReasonCode.NOT_AUTHORIZED)));
        }
        return vectors;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(MQTT_3_VECTORS)
    @DisplayName("encodes the acknowledgement into exactly the bytes of the version's form")
    void encodesForTheVersion(Versioned vector) {
        Buffer encoded = MqttEncoder.encode(vector.packet(), vector.version());

        assertThat(Hex.of(encoded)).isEqualTo(Hex.of(Hex.bytes(vector.hex())));
        assertThat(MqttEncoder.encodedLength(vector.packet(), vector.version())).isEqualTo(encoded.length());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(MQTT_3_VECTORS)
    @DisplayName("a decoder told the version decodes the bytes into the acknowledgement, whole and at every split")
    void decodesForTheVersion(Versioned vector) {
        byte[] bytes = Hex.bytes(vector.hex());
        for (int splitAt = 0; splitAt <= bytes.length; splitAt++) {
            CollectingSink sink = new CollectingSink();
            MqttDecoder decoder = decoderFor(vector.version());
            decoder.feed(Buffer.buffer(bytes).slice(0, splitAt), sink);
            decoder.feed(Buffer.buffer(bytes).slice(splitAt, bytes.length), sink);

            assertThat(sink.errors).as("split at %d", splitAt).isEmpty();
            assertThat(sink.packets).as("split at %d", splitAt).containsExactly(vector.packet());
        }
    }

    static List<ReasonCode> errorCodes() {
        return Arrays.stream(ReasonCode.values()).filter(ReasonCode::isError).toList();
    }

    @ParameterizedTest
    @MethodSource("errorCodes")
    @DisplayName("[MQTT-3.9.3-2] a 3.x SUBACK writes every error reason code as 0x80, read back as Unspecified error")
    void writesEverySubackErrorAs0x80_MQTT_3_9_3_2(ReasonCode code) {
        for (ProtocolVersion version : mqtt3Versions()) {
            Suback suback = new Suback(9, List.of(ReasonCode.GRANTED_QOS_1, code));

            assertThat(Hex.of(MqttEncoder.encode(suback, version))).as(version.name()).isEqualTo("90 04 00 09 01 80");
            assertThat(decode(version, "90 04 00 09 01 80")).isEqualTo(new Suback(9,
                    List.of(ReasonCode.GRANTED_QOS_1, ReasonCode.UNSPECIFIED_ERROR)));
        }
    }

    @Test
    @DisplayName("a 3.x PUBACK, PUBREC, PUBREL or PUBCOMP with an error reason code is refused, nothing written")
    void refusesErrorReasonOnMqtt3Acks() {
        List<BiFunction<Integer, ReasonCode, MqttPacket>> acks = List.of(Puback::new, Pubrec::new, Pubrel::new,
                Pubcomp::new);
        for (ProtocolVersion version : mqtt3VersionsAndUndecided()) {
            for (ReasonCode code : errorCodes()) {
                for (BiFunction<Integer, ReasonCode, MqttPacket> ack : acks) {
                    MqttPacket packet = ack.apply(1, code);
                    Buffer out = Buffer.buffer();

                    assertThatThrownBy(() -> MqttEncoder.encode(packet, version, out)).as("%s %s", version, packet)
                            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(code.name());
                    assertThatThrownBy(() -> MqttEncoder.encodedLength(packet, version))
                            .isInstanceOf(IllegalArgumentException.class);
                    assertThat(out.length()).as("nothing written before refusing").isZero();
                }
            }
        }
    }

    @Test
    @DisplayName("a 3.x UNSUBACK with an error reason code is refused, nothing written")
    void refusesErrorReasonOnMqtt3Unsuback() {
        for (ProtocolVersion version : mqtt3VersionsAndUndecided()) {
            Unsuback unsuback = new Unsuback(3, List.of(ReasonCode.SUCCESS, ReasonCode.NOT_AUTHORIZED));
            Buffer out = Buffer.buffer();

            assertThatThrownBy(() -> MqttEncoder.encode(unsuback, version, out))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NOT_AUTHORIZED");
            assertThat(out.length()).isZero();
        }
    }

    @Test
    @DisplayName("success codes other than 0x00 say nothing a 3.x ack does not: written as the bare packet id")
    void writesSuccessCodesAsTheBareMqtt3Ack() {
        for (ProtocolVersion version : mqtt3Versions()) {
            assertThat(Hex.of(MqttEncoder.encode(new Puback(1, ReasonCode.NO_MATCHING_SUBSCRIBERS), version)))
                    .isEqualTo("40 02 00 01");
            assertThat(Hex.of(MqttEncoder.encode(new Pubrec(2, ReasonCode.NO_MATCHING_SUBSCRIBERS), version)))
                    .isEqualTo("50 02 00 02");
            Unsuback unsuback = new Unsuback(3, List.of(ReasonCode.SUCCESS, ReasonCode.NO_SUBSCRIPTION_EXISTED));
            assertThat(Hex.of(MqttEncoder.encode(unsuback, version))).isEqualTo("b0 02 00 03");
            assertThat(decode(version, "b0 02 00 03")).isEqualTo(new Unsuback(3)); // 3.x has no codes to read
        }
    }

    @Test
    @DisplayName("the convenience constructors are the success acks, and an UNSUBACK without codes")
    void convenienceConstructorsMeanSuccess() {
        assertThat(new Puback(5)).isEqualTo(new Puback(5, ReasonCode.SUCCESS));
        assertThat(new Pubrec(5)).isEqualTo(new Pubrec(5, ReasonCode.SUCCESS));
        assertThat(new Pubrel(5)).isEqualTo(new Pubrel(5, ReasonCode.SUCCESS));
        assertThat(new Pubcomp(5)).isEqualTo(new Pubcomp(5, ReasonCode.SUCCESS));
        assertThat(new Unsuback(5).reasonCodes()).isEmpty();
    }

    @Test
    @DisplayName("a 3.x CONNACK writes the closest return code of a reason code 3.x has no exact code for")
    void writesTheClosestMqtt3ReturnCode() {
        for (ProtocolVersion version : mqtt3VersionsAndUndecided()) {
            assertThat(connackHex(ReasonCode.SERVER_BUSY, version)).isEqualTo("20 02 00 03");
            assertThat(connackHex(ReasonCode.SERVER_SHUTTING_DOWN, version)).isEqualTo("20 02 00 03");
            assertThat(connackHex(ReasonCode.CONNECTION_RATE_EXCEEDED, version)).isEqualTo("20 02 00 03");
            assertThat(connackHex(ReasonCode.BAD_AUTHENTICATION_METHOD, version)).isEqualTo("20 02 00 04");
            assertThat(connackHex(ReasonCode.BANNED, version)).isEqualTo("20 02 00 05");
            assertThat(connackHex(ReasonCode.QOS_NOT_SUPPORTED, version)).isEqualTo("20 02 00 05");
            for (ReasonCode code : ReasonCode.values()) {
                if (ON_CONNACK.contains(code)) {
                    assertThat(connackHex(code, version)).as(code.name())
                            .isEqualTo(String.format("20 02 00 %02x", ConnectReturnCode.of(code).code()));
                }
            }
        }
        // and reading it back gives the 3.x code's own meaning
        assertThat(decode(ProtocolVersion.MQTT_3_1_1, "20 02 00 05"))
                .isEqualTo(new Connack(false, ReasonCode.NOT_AUTHORIZED));
    }

    @Test
    @DisplayName("a CONNACK with a reason code no CONNACK carries is refused, nothing written")
    void refusesNonConnackReasonCode() {
        for (ProtocolVersion version : mqtt3VersionsAndUndecided()) {
            for (ReasonCode code : ReasonCode.values()) {
                if (ON_CONNACK.contains(code)) {
                    continue;
                }
                Buffer out = Buffer.buffer();

                assertThatThrownBy(() -> MqttEncoder.encode(new Connack(false, code), version, out)).as(code.name())
                        .isInstanceOf(IllegalArgumentException.class);
                assertThat(out.length()).isZero();
            }
        }
    }

    @Test
    @DisplayName("[MQTT-3.1.2-2] with no version decided, the refusal of an unsupported level is 20 02 00 01")
    void refusesUnsupportedLevelInTheMqtt311Form_MQTT_3_1_2_2() {
        Connack refusal = new Connack(false, ReasonCode.UNSUPPORTED_PROTOCOL_VERSION);

        assertThat(Hex.of(MqttEncoder.encode(refusal, null))).isEqualTo("20 02 00 01");
    }

    private static String connackHex(ReasonCode code, ProtocolVersion version) {
        return Hex.of(MqttEncoder.encode(new Connack(false, code), version));
    }

    private static List<ProtocolVersion> mqtt3Versions() {
        return List.of(ProtocolVersion.MQTT_3_1, ProtocolVersion.MQTT_3_1_1);
    }

    /** The 3.x versions, and null: a connection whose version no CONNECT decided yet. */
    private static List<ProtocolVersion> mqtt3VersionsAndUndecided() {
        return Arrays.asList(ProtocolVersion.MQTT_3_1, ProtocolVersion.MQTT_3_1_1, null);
    }

    private static MqttDecoder decoderFor(ProtocolVersion version) {
        MqttDecoder decoder = new MqttDecoder(MqttDecoder.PROTOCOL_MAX_PACKET_SIZE);
        decoder.protocolVersion(version);
        return decoder;
    }

    private static MqttPacket decode(ProtocolVersion version, String hex) {
        CollectingSink sink = new CollectingSink();
        decoderFor(version).feed(Hex.buffer(hex), sink);
        assertThat(sink.errors).isEmpty();
        assertThat(sink.packets).hasSize(1);
        return sink.packets.get(0);
    }
}
