package io.opifex.codec;

import static io.opifex.codec.Decoding.assertMalformed;
import static org.assertj.core.api.Assertions.assertThat;

import io.opifex.codec.DecodeError.Reason;
import io.opifex.codec.packet.PacketType;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** CONNECT (section 3.1). The valid base is "MQTT" level 4, flags, keep alive 60, client id "abc". */
class MalformedConnectTest {

    private static final String MQTT_4 = "00 04 4d 51 54 54 04";

    @Test
    @DisplayName("[MQTT-3.1.2-1] CONNECT with protocol name 'MQTX' is unsupported")
    void rejectsUnknownProtocolName_MQTT_3_1_2_1() {
        DecodeError error = assertMalformed("10 0f 00 04 4d 51 54 58 04 02 00 3c 00 03 61 62 63",
                Reason.UNSUPPORTED_PROTOCOL_NAME, "MQTT-3.1.2-1");
        assertThat(error.packetType()).isEqualTo(PacketType.CONNECT);
    }

    @Test
    @DisplayName("[MQTT-3.1.2-1] the protocol name is case sensitive: 'mqtt' is unsupported")
    void rejectsLowerCaseProtocolName_MQTT_3_1_2_1() {
        assertMalformed("10 0f 00 04 6d 71 74 74 04 02 00 3c 00 03 61 62 63",
                Reason.UNSUPPORTED_PROTOCOL_NAME, "MQTT-3.1.2-1");
    }

    @Test
    @DisplayName("[MQTT-3.1.2-2] CONNECT 'MQTT' level 5 is an unsupported protocol level")
    void rejectsMqttLevel5_MQTT_3_1_2_2() {
        assertMalformed("10 0f 00 04 4d 51 54 54 05 02 00 3c 00 03 61 62 63",
                Reason.UNSUPPORTED_PROTOCOL_LEVEL, "MQTT-3.1.2-2");
    }

    @Test
    @DisplayName("[MQTT-3.1.2-2] CONNECT 'MQTT' level 3 is an unsupported protocol level")
    void rejectsMqttLevel3_MQTT_3_1_2_2() {
        assertMalformed("10 0f 00 04 4d 51 54 54 03 02 00 3c 00 03 61 62 63",
                Reason.UNSUPPORTED_PROTOCOL_LEVEL, "MQTT-3.1.2-2");
    }

    @Test
    @DisplayName("[MQTT-3.1.2-2] CONNECT 'MQIsdp' level 4 is an unsupported protocol level")
    void rejectsMqisdpLevel4_MQTT_3_1_2_2() {
        assertMalformed("10 15 00 06 4d 51 49 73 64 70 04 02 00 0a 00 07 63 6c 69 65 6e 74 31",
                Reason.UNSUPPORTED_PROTOCOL_LEVEL, "MQTT-3.1.2-2");
    }

    @Test
    @DisplayName("[MQTT-3.1.2-3] CONNECT with the reserved flag set is malformed")
    void rejectsReservedConnectFlag_MQTT_3_1_2_3() {
        assertMalformed("10 0f " + MQTT_4 + " 03 00 3c 00 03 61 62 63", Reason.INVALID_CONNECT_FLAGS, "MQTT-3.1.2-3");
    }

    @Test
    @DisplayName("[MQTT-3.1.2-13] (and [MQTT-3.1.2-11]) will QoS 1 without the will flag is malformed")
    void rejectsWillQosWithoutWill_MQTT_3_1_2_13() {
        assertMalformed("10 0f " + MQTT_4 + " 0a 00 3c 00 03 61 62 63", Reason.INVALID_CONNECT_FLAGS, "MQTT-3.1.2-13");
    }

    @Test
    @DisplayName("[MQTT-3.1.2-13] will QoS 2 without the will flag is malformed")
    void rejectsWillQos2WithoutWill_MQTT_3_1_2_13() {
        assertMalformed("10 0f " + MQTT_4 + " 12 00 3c 00 03 61 62 63", Reason.INVALID_CONNECT_FLAGS, "MQTT-3.1.2-13");
    }

    @Test
    @DisplayName("[MQTT-3.1.2-15] (and [MQTT-3.1.2-11]) will retain without the will flag is malformed")
    void rejectsWillRetainWithoutWill_MQTT_3_1_2_15() {
        assertMalformed("10 0f " + MQTT_4 + " 22 00 3c 00 03 61 62 63", Reason.INVALID_CONNECT_FLAGS, "MQTT-3.1.2-15");
    }

    @Test
    @DisplayName("[MQTT-3.1.2-14] will QoS 3 is malformed")
    void rejectsWillQos3_MQTT_3_1_2_14() {
        assertMalformed("10 15 " + MQTT_4 + " 1e 00 05 00 01 63 00 04 64 65 61 64 00 00",
                Reason.INVALID_QOS, "MQTT-3.1.2-14");
    }

    @Test
    @DisplayName("[MQTT-3.1.2-22] password flag without user name flag is malformed")
    void rejectsPasswordWithoutUserName_MQTT_3_1_2_22() {
        assertMalformed("10 12 " + MQTT_4 + " 42 00 3c 00 03 61 62 63 00 01 70",
                Reason.INVALID_CONNECT_FLAGS, "MQTT-3.1.2-22");
    }

    @Test
    @DisplayName("[MQTT-3.1.3-1] CONNECT without a client identifier is a length mismatch")
    void rejectsMissingClientId_MQTT_3_1_3_1() {
        assertMalformed("10 0a " + MQTT_4 + " 02 00 3c", Reason.LENGTH_MISMATCH, "MQTT-3.1.3-1");
    }

    @Test
    @DisplayName("[MQTT-3.1.3-1] will flag set but no will topic in the payload is a length mismatch")
    void rejectsMissingWillTopic_MQTT_3_1_3_1() {
        assertMalformed("10 0f " + MQTT_4 + " 06 00 3c 00 03 61 62 63", Reason.LENGTH_MISMATCH, "MQTT-3.1.3-1");
    }

    @Test
    @DisplayName("[MQTT-3.1.3-1] will topic present but will message missing is a length mismatch")
    void rejectsMissingWillMessage_MQTT_3_1_3_1() {
        assertMalformed("10 13 " + MQTT_4 + " 06 00 3c 00 03 61 62 63 00 02 77 74",
                Reason.LENGTH_MISMATCH, "MQTT-3.1.3-1");
    }

    @Test
    @DisplayName("[MQTT-3.1.3-1] user name flag set but no user name in the payload is a length mismatch")
    void rejectsMissingUserName_MQTT_3_1_3_1() {
        assertMalformed("10 0f " + MQTT_4 + " 82 00 3c 00 03 61 62 63", Reason.LENGTH_MISMATCH, "MQTT-3.1.3-1");
    }

    @Test
    @DisplayName("[MQTT-3.1.3-1] password flag set but no password in the payload is a length mismatch")
    void rejectsMissingPassword_MQTT_3_1_3_1() {
        assertMalformed("10 12 " + MQTT_4 + " c2 00 3c 00 03 61 62 63 00 01 75",
                Reason.LENGTH_MISMATCH, "MQTT-3.1.3-1");
    }

    @Test
    @DisplayName("[MQTT-3.1.3-1] a field the flags do not announce (bytes after the client id) is a length mismatch")
    void rejectsUnannouncedField_MQTT_3_1_3_1() {
        assertMalformed("10 12 " + MQTT_4 + " 02 00 3c 00 03 61 62 63 00 01 75",
                Reason.LENGTH_MISMATCH, "MQTT-3.1.3-1");
    }

    @Test
    @DisplayName("CONNECT that ends inside its variable header is a length mismatch")
    void rejectsTruncatedVariableHeader() {
        assertMalformed("10 06 00 04 4d 51 54 54", Reason.LENGTH_MISMATCH, null);
    }

    @Test
    @DisplayName("[MQTT-3.3.2-2] a will topic with a wildcard is an invalid topic name")
    void rejectsWildcardWillTopic_MQTT_3_3_2_2() {
        assertMalformed("10 15 " + MQTT_4 + " 06 00 05 00 01 63 00 04 64 65 61 23 00 00",
                Reason.INVALID_TOPIC_NAME, "MQTT-3.3.2-2");
    }

    @Test
    @DisplayName("[MQTT-4.7.3-1] an empty will topic is an invalid topic name")
    void rejectsEmptyWillTopic_MQTT_4_7_3_1() {
        assertMalformed("10 11 " + MQTT_4 + " 06 00 05 00 01 63 00 00 00 00",
                Reason.INVALID_TOPIC_NAME, "MQTT-4.7.3-1");
    }

    @Test
    @DisplayName("[MQTT-1.5.3-1] a client identifier with an encoded surrogate is invalid UTF-8")
    void rejectsSurrogateInClientId_MQTT_1_5_3_1() {
        assertMalformed("10 0f " + MQTT_4 + " 02 00 3c 00 03 ed a0 80", Reason.INVALID_UTF8, "MQTT-1.5.3-1");
    }

    @Test
    @DisplayName("[MQTT-1.5.3-2] a user name with U+0000 is invalid UTF-8")
    void rejectsNullInUserName_MQTT_1_5_3_2() {
        assertMalformed("10 13 " + MQTT_4 + " 82 00 3c 00 03 61 62 63 00 02 75 00",
                Reason.INVALID_UTF8, "MQTT-1.5.3-2");
    }
}
