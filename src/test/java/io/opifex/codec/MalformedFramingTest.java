package io.opifex.codec;

import static io.opifex.codec.Decoding.assertMalformed;
import static org.assertj.core.api.Assertions.assertThat;

import io.opifex.codec.DecodeError.Reason;
import io.opifex.codec.packet.PacketType;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Fixed header, remaining length and the packets that are nothing but a packet identifier or empty. */
class MalformedFramingTest {

    // ---- packet type and flags (section 2.2)

    @Test
    @DisplayName("packet type 0 is reserved")
    void rejectsReservedPacketType0() {
        DecodeError error = assertMalformed("00 00", Reason.RESERVED_PACKET_TYPE, null);
        assertThat(error.packetType()).isNull();
    }

    @Test
    @DisplayName("packet type 15 is reserved")
    void rejectsReservedPacketType15() {
        assertMalformed("f0 00", Reason.RESERVED_PACKET_TYPE, null);
    }

    @ParameterizedTest(name = "[MQTT-2.2.2-1] {0} with flags {1} is malformed")
    @CsvSource({
        "CONNECT,     11 00",
        "CONNACK,     28 02 00 00",
        "PUBACK,      42 02 00 01",
        "PUBREC,      51 02 00 01",
        "PUBCOMP,     74 02 00 01",
        "SUBACK,      92 03 00 01 00",
        "UNSUBACK,    b2 02 00 01",
        "PINGREQ,     c1 00",
        "PINGRESP,    df 00",
        "DISCONNECT,  e2 00"
    })
    @DisplayName("[MQTT-2.2.2-1] reserved flag bits other than 0b0000 are malformed")
    void rejectsReservedFlagBits_MQTT_2_2_2_1(PacketType type, String hex) {
        DecodeError error = assertMalformed(hex, Reason.INVALID_FIXED_HEADER_FLAGS, "MQTT-2.2.2-1");
        assertThat(error.packetType()).isEqualTo(type);
    }

    @Test
    @DisplayName("[MQTT-3.6.1-1] PUBREL with flags 0b0000 is malformed")
    void rejectsPubrelWithoutFlag_MQTT_3_6_1_1() {
        assertMalformed("60 02 00 01", Reason.INVALID_FIXED_HEADER_FLAGS, "MQTT-3.6.1-1");
    }

    @Test
    @DisplayName("[MQTT-3.6.1-1] PUBREL with flags 0b0011 is malformed")
    void rejectsPubrelWithExtraFlag_MQTT_3_6_1_1() {
        assertMalformed("63 02 00 01", Reason.INVALID_FIXED_HEADER_FLAGS, "MQTT-3.6.1-1");
    }

    @Test
    @DisplayName("[MQTT-3.8.1-1] SUBSCRIBE with reserved flag bits 0b0000 is malformed")
    void rejectsSubscribeWithReservedFlagBits_MQTT_3_8_1_1() {
        assertMalformed("80 06 00 01 00 01 61 00", Reason.INVALID_FIXED_HEADER_FLAGS, "MQTT-3.8.1-1");
    }

    @Test
    @DisplayName("[MQTT-3.10.1-1] UNSUBSCRIBE with reserved flag bits 0b1010 is malformed")
    void rejectsUnsubscribeWithReservedFlagBits_MQTT_3_10_1_1() {
        assertMalformed("aa 05 00 01 00 01 61", Reason.INVALID_FIXED_HEADER_FLAGS, "MQTT-3.10.1-1");
    }

    @Test
    @DisplayName("[MQTT-3.3.1-4] PUBLISH with both QoS bits set is malformed")
    void rejectsPublishWithQos3_MQTT_3_3_1_4() {
        assertMalformed("36 05 00 01 74 00 01", Reason.INVALID_QOS, "MQTT-3.3.1-4");
    }

    @Test
    @DisplayName("[MQTT-3.3.1-2] PUBLISH QoS 0 with DUP set is malformed")
    void rejectsDupOnQos0_MQTT_3_3_1_2() {
        assertMalformed("38 03 00 01 74", Reason.DUP_ON_QOS_0, "MQTT-3.3.1-2");
    }

    // ---- remaining length (section 2.2.3)

    @Test
    @DisplayName("a remaining length of more than four bytes is malformed")
    void rejectsFiveByteRemainingLength() {
        assertMalformed("30 ff ff ff ff 01", Reason.MALFORMED_REMAINING_LENGTH, null);
    }

    @Test
    @DisplayName("a remaining length is reported malformed on its fourth byte, before a fifth arrives")
    void rejectsFourthContinuationByteImmediately() {
        CollectingSink sink = Decoding.feedWhole(Hex.bytes("30 80 80 80 80"));
        assertThat(sink.errors).extracting(DecodeError::reason).containsExactly(Reason.MALFORMED_REMAINING_LENGTH);
    }

    @Test
    @DisplayName("remaining length 0 written as 80 00 is not minimally encoded")
    void rejectsNonMinimalZero() {
        assertMalformed("c0 80 00", Reason.MALFORMED_REMAINING_LENGTH, null);
    }

    @Test
    @DisplayName("remaining length 127 written as ff 00 is not minimally encoded")
    void rejectsNonMinimalTwoBytes() {
        assertMalformed("30 ff 00", Reason.MALFORMED_REMAINING_LENGTH, null);
    }

    @Test
    @DisplayName("remaining length written as 80 80 80 00 is not minimally encoded")
    void rejectsNonMinimalFourBytes() {
        assertMalformed("30 80 80 80 00", Reason.MALFORMED_REMAINING_LENGTH, null);
    }

    @Test
    @DisplayName("a remaining length over the configured maximum is too large")
    void rejectsTooLargePacket() {
        CollectingSink sink = Decoding.feedWhole(Hex.bytes("30 0b 00 01 74 00 00 00 00 00 00 00 00"), 10);
        assertThat(sink.errors).extracting(DecodeError::reason).containsExactly(Reason.PACKET_TOO_LARGE);
        assertThat(sink.packets).isEmpty();
    }

    // ---- bytes missing or left over

    @Test
    @DisplayName("PINGREQ with remaining length 1 has a byte left over")
    void rejectsPingreqWithBody() {
        assertMalformed("c0 01 00", Reason.LENGTH_MISMATCH, null);
    }

    @Test
    @DisplayName("PINGRESP with remaining length 2 has bytes left over")
    void rejectsPingrespWithBody() {
        assertMalformed("d0 02 00 00", Reason.LENGTH_MISMATCH, null);
    }

    @Test
    @DisplayName("DISCONNECT with remaining length 1 has a byte left over")
    void rejectsDisconnectWithBody() {
        assertMalformed("e0 01 00", Reason.LENGTH_MISMATCH, null);
    }

    @Test
    @DisplayName("PUBACK with remaining length 3 has a byte left over")
    void rejectsPubackWithExtraByte() {
        assertMalformed("40 03 00 01 00", Reason.LENGTH_MISMATCH, null);
    }

    @Test
    @DisplayName("PUBACK with remaining length 1 misses half its packet identifier")
    void rejectsPubackWithShortPacketId() {
        assertMalformed("40 01 00", Reason.LENGTH_MISMATCH, null);
    }

    @Test
    @DisplayName("PUBREL with remaining length 0 misses its packet identifier")
    void rejectsPubrelWithoutPacketId() {
        assertMalformed("62 00", Reason.LENGTH_MISMATCH, null);
    }

    @Test
    @DisplayName("UNSUBACK with remaining length 3 has a byte left over")
    void rejectsUnsubackWithExtraByte() {
        assertMalformed("b0 03 00 01 00", Reason.LENGTH_MISMATCH, null);
    }

    @Test
    @DisplayName("CONNACK with remaining length 3 has a byte left over")
    void rejectsConnackWithExtraByte() {
        assertMalformed("20 03 00 00 00", Reason.LENGTH_MISMATCH, null);
    }

    @Test
    @DisplayName("CONNACK with remaining length 1 misses its return code")
    void rejectsConnackWithoutReturnCode() {
        assertMalformed("20 01 00", Reason.LENGTH_MISMATCH, null);
    }

    // ---- packet identifiers (section 2.3.1)

    @ParameterizedTest(name = "[MQTT-2.3.1-1] {0} with packet identifier 0 is malformed")
    @CsvSource({
        "PUBACK,   40 02 00 00",
        "PUBREC,   50 02 00 00",
        "PUBREL,   62 02 00 00",
        "PUBCOMP,  70 02 00 00",
        "UNSUBACK, b0 02 00 00"
    })
    @DisplayName("[MQTT-2.3.1-1] acknowledgements with packet identifier 0 are malformed")
    void rejectsAckWithPacketId0_MQTT_2_3_1_1(PacketType type, String hex) {
        DecodeError error = assertMalformed(hex, Reason.INVALID_PACKET_ID, "MQTT-2.3.1-1");
        assertThat(error.packetType()).isEqualTo(type);
    }

    // ---- CONNACK (section 3.2)

    @Test
    @DisplayName("CONNACK with reserved acknowledge flag bits set is malformed")
    void rejectsConnackReservedFlags() {
        assertMalformed("20 02 02 00", Reason.MALFORMED_FIELD, null);
    }

    @Test
    @DisplayName("CONNACK with reserved return code 6 is malformed")
    void rejectsConnackReservedReturnCode() {
        assertMalformed("20 02 00 06", Reason.MALFORMED_FIELD, null);
    }

    @Test
    @DisplayName("[MQTT-3.2.2-4] CONNACK with session present and a non-zero return code is malformed")
    void rejectsSessionPresentWithRefusal_MQTT_3_2_2_4() {
        assertMalformed("20 02 01 05", Reason.MALFORMED_FIELD, "MQTT-3.2.2-4");
    }
}
