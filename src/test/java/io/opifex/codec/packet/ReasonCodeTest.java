package io.opifex.codec.packet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The reason codes of MQTT 5.0 and how a CONNACK's maps to the return codes of MQTT 3.x. */
class ReasonCodeTest {

    /** Table 2-6 of MQTT 5.0 section 2.4, one line per value, written out from the spec. */
    private static final Map<Integer, String> TABLE_2_6 = new LinkedHashMap<>();

    static {
        TABLE_2_6.put(0x00, "SUCCESS");
        TABLE_2_6.put(0x01, "GRANTED_QOS_1");
        TABLE_2_6.put(0x02, "GRANTED_QOS_2");
        TABLE_2_6.put(0x04, "DISCONNECT_WITH_WILL_MESSAGE");
        TABLE_2_6.put(0x10, "NO_MATCHING_SUBSCRIBERS");
        TABLE_2_6.put(0x11, "NO_SUBSCRIPTION_EXISTED");
        TABLE_2_6.put(0x18, "CONTINUE_AUTHENTICATION");
        TABLE_2_6.put(0x19, "RE_AUTHENTICATE");
        TABLE_2_6.put(0x80, "UNSPECIFIED_ERROR");
        TABLE_2_6.put(0x81, "MALFORMED_PACKET");
        TABLE_2_6.put(0x82, "PROTOCOL_ERROR");
        TABLE_2_6.put(0x83, "IMPLEMENTATION_SPECIFIC_ERROR");
        TABLE_2_6.put(0x84, "UNSUPPORTED_PROTOCOL_VERSION");
        TABLE_2_6.put(0x85, "CLIENT_IDENTIFIER_NOT_VALID");
        TABLE_2_6.put(0x86, "BAD_USER_NAME_OR_PASSWORD");
        TABLE_2_6.put(0x87, "NOT_AUTHORIZED");
        TABLE_2_6.put(0x88, "SERVER_UNAVAILABLE");
        TABLE_2_6.put(0x89, "SERVER_BUSY");
        TABLE_2_6.put(0x8A, "BANNED");
        TABLE_2_6.put(0x8B, "SERVER_SHUTTING_DOWN");
        TABLE_2_6.put(0x8C, "BAD_AUTHENTICATION_METHOD");
        TABLE_2_6.put(0x8D, "KEEP_ALIVE_TIMEOUT");
        TABLE_2_6.put(0x8E, "SESSION_TAKEN_OVER");
        TABLE_2_6.put(0x8F, "TOPIC_FILTER_INVALID");
        TABLE_2_6.put(0x90, "TOPIC_NAME_INVALID");
        TABLE_2_6.put(0x91, "PACKET_IDENTIFIER_IN_USE");
        TABLE_2_6.put(0x92, "PACKET_IDENTIFIER_NOT_FOUND");
        TABLE_2_6.put(0x93, "RECEIVE_MAXIMUM_EXCEEDED");
        TABLE_2_6.put(0x94, "TOPIC_ALIAS_INVALID");
        TABLE_2_6.put(0x95, "PACKET_TOO_LARGE");
        TABLE_2_6.put(0x96, "MESSAGE_RATE_TOO_HIGH");
        TABLE_2_6.put(0x97, "QUOTA_EXCEEDED");
        TABLE_2_6.put(0x98, "ADMINISTRATIVE_ACTION");
        TABLE_2_6.put(0x99, "PAYLOAD_FORMAT_INVALID");
        TABLE_2_6.put(0x9A, "RETAIN_NOT_SUPPORTED");
        TABLE_2_6.put(0x9B, "QOS_NOT_SUPPORTED");
        TABLE_2_6.put(0x9C, "USE_ANOTHER_SERVER");
        TABLE_2_6.put(0x9D, "SERVER_MOVED");
        TABLE_2_6.put(0x9E, "SHARED_SUBSCRIPTIONS_NOT_SUPPORTED");
        TABLE_2_6.put(0x9F, "CONNECTION_RATE_EXCEEDED");
        TABLE_2_6.put(0xA0, "MAXIMUM_CONNECT_TIME");
        TABLE_2_6.put(0xA1, "SUBSCRIPTION_IDENTIFIERS_NOT_SUPPORTED");
        TABLE_2_6.put(0xA2, "WILDCARD_SUBSCRIPTIONS_NOT_SUPPORTED");
    }

    @Test
    @DisplayName("every value of Table 2-6 is one constant with that wire value, and there are no others")
    void coversTable2_6() {
        List<String> names = new ArrayList<>();
        TABLE_2_6.forEach((value, name) -> {
            assertThat(ReasonCode.valueOf(name).value()).as(name).isEqualTo(value);
            assertThat(ReasonCode.of(value)).as("0x%02x", value).isEqualTo(ReasonCode.valueOf(name));
            names.add(name);
        });
        assertThat(ReasonCode.values()).extracting(Enum::name).containsExactlyElementsOf(names);
    }

    @Test
    @DisplayName("of() gives null for every value MQTT 5.0 does not define, and for values outside a byte")
    void ofUnknownValueIsNull() {
        for (int value = 0; value <= 0xFF; value++) {
            if (!TABLE_2_6.containsKey(value)) {
                assertThat(ReasonCode.of(value)).as("0x%02x", value).isNull();
            }
        }
        assertThat(ReasonCode.of(-1)).isNull();
        assertThat(ReasonCode.of(0x100)).isNull();
    }

    @ParameterizedTest
    @EnumSource(ReasonCode.class)
    @DisplayName("a reason code is an error exactly when its value is 0x80 or more (section 2.4)")
    void errorsStartAt0x80(ReasonCode code) {
        assertThat(code.isError()).isEqualTo(code.value() >= 0x80);
    }

    @Test
    @DisplayName("0x00 has three names in the spec and is one value: Success, Normal disconnection, Granted QoS 0")
    void zeroHasThreeNames() {
        assertThat(ReasonCode.NORMAL_DISCONNECTION).isSameAs(ReasonCode.SUCCESS);
        assertThat(ReasonCode.GRANTED_QOS_0).isSameAs(ReasonCode.SUCCESS);
    }

    @ParameterizedTest
    @EnumSource(QoS.class)
    @DisplayName("the SUBACK code granting a QoS has the QoS as its value, and grants that QoS back")
    void grantedRoundTrips(QoS qos) {
        ReasonCode granted = ReasonCode.granted(qos);

        assertThat(granted.value()).isEqualTo(qos.value());
        assertThat(granted.grantedQoS()).isEqualTo(qos);
        assertThat(granted.isError()).isFalse();
    }

    @Test
    @DisplayName("only Granted QoS 0, 1 and 2 grant a QoS")
    void othersGrantNothing() {
        Set<ReasonCode> granting = EnumSet.of(ReasonCode.GRANTED_QOS_0, ReasonCode.GRANTED_QOS_1,
                ReasonCode.GRANTED_QOS_2);
        for (ReasonCode code : EnumSet.complementOf(EnumSet.copyOf(granting))) {
            assertThat(code.grantedQoS()).as(code.name()).isNull();
        }
    }

    @ParameterizedTest
    @EnumSource(ConnectReturnCode.class)
    @DisplayName("each 3.x CONNACK return code is a reason code and maps back to itself, both ways")
    void connectReturnCodesMapBothWays(ConnectReturnCode returnCode) {
        assertThat(ConnectReturnCode.of(returnCode.reasonCode())).isSameAs(returnCode);
        assertThat(ConnectReturnCode.ofCode(returnCode.code())).isSameAs(returnCode);
    }

    @Test
    @DisplayName("the 3.x return codes stand for Success and the five MQTT 5.0 refusals that mean the same")
    void connectReturnCodesAreTheirReasonCodes() {
        assertThat(ConnectReturnCode.ACCEPTED.reasonCode()).isEqualTo(ReasonCode.SUCCESS);
        assertThat(ConnectReturnCode.UNACCEPTABLE_PROTOCOL_VERSION.reasonCode())
                .isEqualTo(ReasonCode.UNSUPPORTED_PROTOCOL_VERSION);
        assertThat(ConnectReturnCode.IDENTIFIER_REJECTED.reasonCode())
                .isEqualTo(ReasonCode.CLIENT_IDENTIFIER_NOT_VALID);
        assertThat(ConnectReturnCode.SERVER_UNAVAILABLE.reasonCode()).isEqualTo(ReasonCode.SERVER_UNAVAILABLE);
        assertThat(ConnectReturnCode.BAD_USER_NAME_OR_PASSWORD.reasonCode())
                .isEqualTo(ReasonCode.BAD_USER_NAME_OR_PASSWORD);
        assertThat(ConnectReturnCode.NOT_AUTHORIZED.reasonCode()).isEqualTo(ReasonCode.NOT_AUTHORIZED);
    }

    @Test
    @DisplayName("every CONNACK reason code of MQTT 5.0 maps to the closest 3.x return code")
    void connackReasonCodesMapToTheClosestReturnCode() {
        Map<ReasonCode, ConnectReturnCode> expected = new LinkedHashMap<>();
        expected.put(ReasonCode.SUCCESS, ConnectReturnCode.ACCEPTED);
        expected.put(ReasonCode.UNSUPPORTED_PROTOCOL_VERSION, ConnectReturnCode.UNACCEPTABLE_PROTOCOL_VERSION);
        expected.put(ReasonCode.CLIENT_IDENTIFIER_NOT_VALID, ConnectReturnCode.IDENTIFIER_REJECTED);
        // try again later, or elsewhere
        for (ReasonCode code : List.of(ReasonCode.SERVER_UNAVAILABLE, ReasonCode.SERVER_BUSY,
                ReasonCode.SERVER_SHUTTING_DOWN, ReasonCode.USE_ANOTHER_SERVER, ReasonCode.SERVER_MOVED,
                ReasonCode.QUOTA_EXCEEDED, ReasonCode.CONNECTION_RATE_EXCEEDED)) {
            expected.put(code, ConnectReturnCode.SERVER_UNAVAILABLE);
        }
        expected.put(ReasonCode.BAD_USER_NAME_OR_PASSWORD, ConnectReturnCode.BAD_USER_NAME_OR_PASSWORD);
        expected.put(ReasonCode.BAD_AUTHENTICATION_METHOD, ConnectReturnCode.BAD_USER_NAME_OR_PASSWORD);
        // any other refusal: do not retry blindly
        for (ReasonCode code : List.of(ReasonCode.NOT_AUTHORIZED, ReasonCode.BANNED, ReasonCode.UNSPECIFIED_ERROR,
                ReasonCode.MALFORMED_PACKET, ReasonCode.PROTOCOL_ERROR, ReasonCode.IMPLEMENTATION_SPECIFIC_ERROR,
                ReasonCode.TOPIC_NAME_INVALID, ReasonCode.PACKET_TOO_LARGE, ReasonCode.PAYLOAD_FORMAT_INVALID,
                ReasonCode.RETAIN_NOT_SUPPORTED, ReasonCode.QOS_NOT_SUPPORTED)) {
            expected.put(code, ConnectReturnCode.NOT_AUTHORIZED);
        }

        expected.forEach((code, returnCode) -> assertThat(ConnectReturnCode.of(code)).as(code.name())
                .isEqualTo(returnCode));
    }

    @Test
    @DisplayName("a reason code no CONNACK carries (e.g. Granted QoS 1, Session taken over) has no 3.x return code")
    void nonConnackReasonCodesAreRefused() {
        Set<ReasonCode> notOnConnack = EnumSet.of(ReasonCode.GRANTED_QOS_1, ReasonCode.GRANTED_QOS_2,
                ReasonCode.DISCONNECT_WITH_WILL_MESSAGE, ReasonCode.NO_MATCHING_SUBSCRIBERS,
                ReasonCode.NO_SUBSCRIPTION_EXISTED, ReasonCode.CONTINUE_AUTHENTICATION, ReasonCode.RE_AUTHENTICATE,
                ReasonCode.KEEP_ALIVE_TIMEOUT, ReasonCode.SESSION_TAKEN_OVER, ReasonCode.TOPIC_FILTER_INVALID,
                ReasonCode.PACKET_IDENTIFIER_IN_USE, ReasonCode.PACKET_IDENTIFIER_NOT_FOUND,
                ReasonCode.RECEIVE_MAXIMUM_EXCEEDED, ReasonCode.TOPIC_ALIAS_INVALID, ReasonCode.MESSAGE_RATE_TOO_HIGH,
                ReasonCode.ADMINISTRATIVE_ACTION, ReasonCode.SHARED_SUBSCRIPTIONS_NOT_SUPPORTED,
                ReasonCode.MAXIMUM_CONNECT_TIME, ReasonCode.SUBSCRIPTION_IDENTIFIERS_NOT_SUPPORTED,
                ReasonCode.WILDCARD_SUBSCRIPTIONS_NOT_SUPPORTED);
        for (ReasonCode code : notOnConnack) {
            assertThatThrownBy(() -> ConnectReturnCode.of(code)).as(code.name())
                    .isInstanceOf(IllegalArgumentException.class);
        }
        // together with the mapped ones above, every reason code is decided one way or the other
        for (ReasonCode code : EnumSet.complementOf(EnumSet.copyOf(notOnConnack))) {
            assertThat(ConnectReturnCode.of(code)).as(code.name()).isNotNull();
        }
    }
}
