package io.opifex.codec;

import static io.opifex.codec.Decoding.assertMalformed;

import io.opifex.codec.DecodeError.Reason;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** SUBSCRIBE (3.8), SUBACK (3.9), UNSUBSCRIBE (3.10) and the topic filter rules (4.7). */
class MalformedSubscriptionTest {

    // ---- SUBSCRIBE

    @Test
    @DisplayName("[MQTT-3.8.3-3] SUBSCRIBE without a topic filter is a protocol violation")
    void rejectsSubscribeWithoutFilter_MQTT_3_8_3_3() {
        assertMalformed("82 02 00 01", Reason.EMPTY_TOPIC_LIST, "MQTT-3.8.3-3");
    }

    @Test
    @DisplayName("[MQTT-3-8.3-4] SUBSCRIBE with reserved bits set in the requested QoS byte is malformed")
    void rejectsReservedRequestedQosBits_MQTT_3_8_3_4() {
        assertMalformed("82 06 00 01 00 01 61 04", Reason.MALFORMED_FIELD, "MQTT-3-8.3-4");
    }

    @Test
    @DisplayName("[MQTT-3-8.3-4] SUBSCRIBE with the top reserved bit set in the requested QoS byte is malformed")
    void rejectsTopReservedRequestedQosBit_MQTT_3_8_3_4() {
        assertMalformed("82 06 00 01 00 01 61 81", Reason.MALFORMED_FIELD, "MQTT-3-8.3-4");
    }

    @Test
    @DisplayName("[MQTT-3-8.3-4] SUBSCRIBE requesting QoS 3 is malformed")
    void rejectsRequestedQos3_MQTT_3_8_3_4() {
        assertMalformed("82 06 00 01 00 01 61 03", Reason.INVALID_QOS, "MQTT-3-8.3-4");
    }

    @Test
    @DisplayName("[MQTT-2.3.1-1] SUBSCRIBE with packet identifier 0 is malformed")
    void rejectsSubscribePacketId0_MQTT_2_3_1_1() {
        assertMalformed("82 06 00 00 00 01 61 00", Reason.INVALID_PACKET_ID, "MQTT-2.3.1-1");
    }

    @Test
    @DisplayName("SUBSCRIBE whose last filter has no requested QoS byte is a length mismatch")
    void rejectsSubscribeWithoutRequestedQos() {
        assertMalformed("82 05 00 01 00 01 61", Reason.LENGTH_MISMATCH, null);
    }

    @Test
    @DisplayName("[MQTT-4.7.3-1] SUBSCRIBE with an empty topic filter is malformed")
    void rejectsEmptyFilter_MQTT_4_7_3_1() {
        assertMalformed("82 05 00 01 00 00 00", Reason.INVALID_TOPIC_FILTER, "MQTT-4.7.3-1");
    }

    @Test
    @DisplayName("[MQTT-4.7.1-2] '#' followed by another level ('a/#/b') is malformed")
    void rejectsMultiLevelWildcardNotLast_MQTT_4_7_1_2() {
        assertMalformed("82 0a 00 01 00 05 61 2f 23 2f 62 00", Reason.INVALID_TOPIC_FILTER, "MQTT-4.7.1-2");
    }

    @Test
    @DisplayName("[MQTT-4.7.1-2] '#' sharing its level ('a/b#') is malformed")
    void rejectsMultiLevelWildcardSharingLevel_MQTT_4_7_1_2() {
        assertMalformed("82 09 00 01 00 04 61 2f 62 23 00", Reason.INVALID_TOPIC_FILTER, "MQTT-4.7.1-2");
    }

    @Test
    @DisplayName("[MQTT-4.7.1-2] an invalid second filter ('#a') rejects the whole SUBSCRIBE")
    void rejectsInvalidSecondFilter_MQTT_4_7_1_2() {
        assertMalformed("82 0b 00 01 00 01 61 00 00 02 23 61 00", Reason.INVALID_TOPIC_FILTER, "MQTT-4.7.1-2");
    }

    @Test
    @DisplayName("[MQTT-4.7.1-3] '+' sharing its level ('a+') is malformed")
    void rejectsSingleLevelWildcardAfterText_MQTT_4_7_1_3() {
        assertMalformed("82 07 00 01 00 02 61 2b 00", Reason.INVALID_TOPIC_FILTER, "MQTT-4.7.1-3");
    }

    @Test
    @DisplayName("[MQTT-4.7.1-3] '+' followed by text in its level ('+a/b') is malformed")
    void rejectsSingleLevelWildcardBeforeText_MQTT_4_7_1_3() {
        assertMalformed("82 09 00 01 00 04 2b 61 2f 62 00", Reason.INVALID_TOPIC_FILTER, "MQTT-4.7.1-3");
    }

    @Test
    @DisplayName("[MQTT-1.5.3-1] a topic filter that is not UTF-8 is malformed")
    void rejectsFilterNotUtf8_MQTT_1_5_3_1() {
        assertMalformed("82 06 00 01 00 01 ff 00", Reason.INVALID_UTF8, "MQTT-1.5.3-1");
    }

    // ---- UNSUBSCRIBE

    @Test
    @DisplayName("[MQTT-3.10.3-2] UNSUBSCRIBE without a topic filter is a protocol violation")
    void rejectsUnsubscribeWithoutFilter_MQTT_3_10_3_2() {
        assertMalformed("a2 02 00 01", Reason.EMPTY_TOPIC_LIST, "MQTT-3.10.3-2");
    }

    @Test
    @DisplayName("[MQTT-4.7.1-2] UNSUBSCRIBE with filter 'a#' is malformed")
    void rejectsUnsubscribeInvalidFilter_MQTT_4_7_1_2() {
        assertMalformed("a2 06 00 01 00 02 61 23", Reason.INVALID_TOPIC_FILTER, "MQTT-4.7.1-2");
    }

    @Test
    @DisplayName("[MQTT-4.7.3-1] UNSUBSCRIBE with an empty filter is malformed")
    void rejectsUnsubscribeEmptyFilter_MQTT_4_7_3_1() {
        assertMalformed("a2 04 00 01 00 00", Reason.INVALID_TOPIC_FILTER, "MQTT-4.7.3-1");
    }

    @Test
    @DisplayName("[MQTT-2.3.1-1] UNSUBSCRIBE with packet identifier 0 is malformed")
    void rejectsUnsubscribePacketId0_MQTT_2_3_1_1() {
        assertMalformed("a2 05 00 00 00 01 61", Reason.INVALID_PACKET_ID, "MQTT-2.3.1-1");
    }

    @Test
    @DisplayName("UNSUBSCRIBE whose filter runs past the body is a length mismatch")
    void rejectsUnsubscribeFilterPastBody() {
        assertMalformed("a2 05 00 01 00 02 61", Reason.LENGTH_MISMATCH, null);
    }

    // ---- SUBACK

    @Test
    @DisplayName("[MQTT-3.9.3-2] SUBACK with return code 3 is malformed")
    void rejectsSubackReturnCode3_MQTT_3_9_3_2() {
        assertMalformed("90 03 00 01 03", Reason.MALFORMED_FIELD, "MQTT-3.9.3-2");
    }

    @Test
    @DisplayName("[MQTT-3.9.3-2] SUBACK with return code 0x81 is malformed")
    void rejectsSubackReturnCode81_MQTT_3_9_3_2() {
        assertMalformed("90 04 00 01 00 81", Reason.MALFORMED_FIELD, "MQTT-3.9.3-2");
    }

    @Test
    @DisplayName("SUBACK without any return code is malformed")
    void rejectsSubackWithoutReturnCodes() {
        assertMalformed("90 02 00 01", Reason.MALFORMED_FIELD, null);
    }

    @Test
    @DisplayName("[MQTT-2.3.1-1] SUBACK with packet identifier 0 is malformed")
    void rejectsSubackPacketId0_MQTT_2_3_1_1() {
        assertMalformed("90 03 00 00 00", Reason.INVALID_PACKET_ID, "MQTT-2.3.1-1");
    }
}
