package io.opifex.codec;

import static io.opifex.codec.Decoding.assertMalformed;

import io.opifex.codec.DecodeError.Reason;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** PUBLISH variable header and the UTF-8 rules, exercised through the topic name. */
class MalformedPublishTest {

    @Test
    @DisplayName("[MQTT-4.7.3-1] PUBLISH with an empty topic name is malformed")
    void rejectsEmptyTopicName_MQTT_4_7_3_1() {
        assertMalformed("30 02 00 00", Reason.INVALID_TOPIC_NAME, "MQTT-4.7.3-1");
    }

    @Test
    @DisplayName("[MQTT-3.3.2-2] PUBLISH with '+' in the topic name is malformed")
    void rejectsSingleLevelWildcardInTopicName_MQTT_3_3_2_2() {
        assertMalformed("30 05 00 03 61 2f 2b", Reason.INVALID_TOPIC_NAME, "MQTT-3.3.2-2");
    }

    @Test
    @DisplayName("[MQTT-3.3.2-2] PUBLISH with '#' in the topic name is malformed")
    void rejectsMultiLevelWildcardInTopicName_MQTT_3_3_2_2() {
        assertMalformed("30 03 00 01 23", Reason.INVALID_TOPIC_NAME, "MQTT-3.3.2-2");
    }

    @Test
    @DisplayName("[MQTT-2.3.1-1] PUBLISH QoS 1 with packet identifier 0 is malformed")
    void rejectsQos1PacketId0_MQTT_2_3_1_1() {
        assertMalformed("32 05 00 01 74 00 00", Reason.INVALID_PACKET_ID, "MQTT-2.3.1-1");
    }

    @Test
    @DisplayName("[MQTT-2.3.1-1] PUBLISH QoS 2 with packet identifier 0 is malformed")
    void rejectsQos2PacketId0_MQTT_2_3_1_1() {
        assertMalformed("34 05 00 01 74 00 00", Reason.INVALID_PACKET_ID, "MQTT-2.3.1-1");
    }

    @Test
    @DisplayName("PUBLISH QoS 1 that ends after its topic misses its packet identifier")
    void rejectsQos1WithoutPacketId() {
        assertMalformed("32 03 00 01 74", Reason.LENGTH_MISMATCH, null);
    }

    @Test
    @DisplayName("PUBLISH QoS 1 with one byte of packet identifier is too short")
    void rejectsQos1WithHalfPacketId() {
        assertMalformed("32 04 00 01 74 00", Reason.LENGTH_MISMATCH, null);
    }

    @Test
    @DisplayName("PUBLISH whose topic length runs past the body is a length mismatch")
    void rejectsTopicLongerThanBody() {
        assertMalformed("30 03 00 05 61", Reason.LENGTH_MISMATCH, null);
    }

    @Test
    @DisplayName("PUBLISH with remaining length 1 cannot hold a topic length")
    void rejectsPublishTooShortForTopicLength() {
        assertMalformed("30 01 00", Reason.LENGTH_MISMATCH, null);
    }

    @Test
    @DisplayName("PUBLISH with remaining length 0 has no topic")
    void rejectsEmptyPublish() {
        assertMalformed("30 00", Reason.LENGTH_MISMATCH, null);
    }

    // ---- UTF-8 (section 1.5.3)

    @Test
    @DisplayName("[MQTT-1.5.3-1] a lone continuation byte is ill-formed UTF-8")
    void rejectsLoneContinuationByte_MQTT_1_5_3_1() {
        assertMalformed("30 03 00 01 80", Reason.INVALID_UTF8, "MQTT-1.5.3-1");
    }

    @Test
    @DisplayName("[MQTT-1.5.3-1] a multi-byte sequence cut off by the string's end is ill-formed")
    void rejectsTruncatedSequence_MQTT_1_5_3_1() {
        assertMalformed("30 04 00 01 c3 a4", Reason.INVALID_UTF8, "MQTT-1.5.3-1");
    }

    @Test
    @DisplayName("[MQTT-1.5.3-1] a lead byte followed by a non-continuation byte is ill-formed")
    void rejectsMissingContinuation_MQTT_1_5_3_1() {
        assertMalformed("30 04 00 02 c3 28", Reason.INVALID_UTF8, "MQTT-1.5.3-1");
    }

    @Test
    @DisplayName("[MQTT-1.5.3-1] the overlong two-byte encoding c0 80 (modified UTF-8 NUL) is ill-formed")
    void rejectsOverlongNul_MQTT_1_5_3_1() {
        assertMalformed("30 04 00 02 c0 80", Reason.INVALID_UTF8, "MQTT-1.5.3-1");
    }

    @Test
    @DisplayName("[MQTT-1.5.3-1] an overlong three-byte encoding of '/' is ill-formed")
    void rejectsOverlongThreeBytes_MQTT_1_5_3_1() {
        assertMalformed("30 05 00 03 e0 80 af", Reason.INVALID_UTF8, "MQTT-1.5.3-1");
    }

    @Test
    @DisplayName("[MQTT-1.5.3-1] an encoded high surrogate U+D800 is ill-formed")
    void rejectsEncodedHighSurrogate_MQTT_1_5_3_1() {
        assertMalformed("30 05 00 03 ed a0 80", Reason.INVALID_UTF8, "MQTT-1.5.3-1");
    }

    @Test
    @DisplayName("[MQTT-1.5.3-1] an encoded low surrogate U+DFFF is ill-formed")
    void rejectsEncodedLowSurrogate_MQTT_1_5_3_1() {
        assertMalformed("30 05 00 03 ed bf bf", Reason.INVALID_UTF8, "MQTT-1.5.3-1");
    }

    @Test
    @DisplayName("[MQTT-1.5.3-1] a CESU-8 surrogate pair is ill-formed")
    void rejectsCesu8SurrogatePair_MQTT_1_5_3_1() {
        assertMalformed("30 08 00 06 ed a0 b4 ed b4 9e", Reason.INVALID_UTF8, "MQTT-1.5.3-1");
    }

    @Test
    @DisplayName("[MQTT-1.5.3-1] a code point above U+10FFFF is ill-formed")
    void rejectsBeyondUnicode_MQTT_1_5_3_1() {
        assertMalformed("30 06 00 04 f4 90 80 80", Reason.INVALID_UTF8, "MQTT-1.5.3-1");
    }

    @Test
    @DisplayName("[MQTT-1.5.3-1] the byte 0xff never appears in UTF-8")
    void rejectsByteFF_MQTT_1_5_3_1() {
        assertMalformed("30 03 00 01 ff", Reason.INVALID_UTF8, "MQTT-1.5.3-1");
    }

    @Test
    @DisplayName("[MQTT-1.5.3-2] U+0000 in a string is malformed")
    void rejectsNullCharacter_MQTT_1_5_3_2() {
        assertMalformed("30 05 00 03 61 00 62", Reason.INVALID_UTF8, "MQTT-1.5.3-2");
    }
}
