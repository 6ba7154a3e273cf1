package io.opifex.codec.packet;

/**
 * The reason codes of MQTT 5.0 (section 2.4, Table 2-6): one constant per wire value. The spec gives 0x00 three
 * names (Success, Normal disconnection, Granted QoS 0); they are one constant, {@link #SUCCESS}, with the other two
 * names as aliases, so a decoded 0x00 is the same value whatever packet it came in.
 *
 * <p>Acknowledgements carry a reason code whatever the protocol version, so the layers above speak one vocabulary;
 * the encoder writes what the connection's version can carry (MQTT 3.x: see {@link ConnectReturnCode} for CONNACK,
 * and {@link #granted(QoS)} / 0x80 for SUBACK).
 */
public enum ReasonCode {
    SUCCESS(0x00),
    GRANTED_QOS_1(0x01),
    GRANTED_QOS_2(0x02),
    DISCONNECT_WITH_WILL_MESSAGE(0x04),
    NO_MATCHING_SUBSCRIBERS(0x10),
    NO_SUBSCRIPTION_EXISTED(0x11),
    CONTINUE_AUTHENTICATION(0x18),
    RE_AUTHENTICATE(0x19),
    UNSPECIFIED_ERROR(0x80),
    MALFORMED_PACKET(0x81),
    PROTOCOL_ERROR(0x82),
    IMPLEMENTATION_SPECIFIC_ERROR(0x83),
    UNSUPPORTED_PROTOCOL_VERSION(0x84),
    CLIENT_IDENTIFIER_NOT_VALID(0x85),
    BAD_USER_NAME_OR_PASSWORD(0x86),
    NOT_AUTHORIZED(0x87),
    SERVER_UNAVAILABLE(0x88),
    SERVER_BUSY(0x89),
    BANNED(0x8A),
    SERVER_SHUTTING_DOWN(0x8B),
    BAD_AUTHENTICATION_METHOD(0x8C),
    KEEP_ALIVE_TIMEOUT(0x8D),
    SESSION_TAKEN_OVER(0x8E),
    TOPIC_FILTER_INVALID(0x8F),
    TOPIC_NAME_INVALID(0x90),
    PACKET_IDENTIFIER_IN_USE(0x91),
    PACKET_IDENTIFIER_NOT_FOUND(0x92),
    RECEIVE_MAXIMUM_EXCEEDED(0x93),
    TOPIC_ALIAS_INVALID(0x94),
    PACKET_TOO_LARGE(0x95),
    MESSAGE_RATE_TOO_HIGH(0x96),
    QUOTA_EXCEEDED(0x97),
    ADMINISTRATIVE_ACTION(0x98),
    PAYLOAD_FORMAT_INVALID(0x99),
    RETAIN_NOT_SUPPORTED(0x9A),
    QOS_NOT_SUPPORTED(0x9B),
    USE_ANOTHER_SERVER(0x9C),
    SERVER_MOVED(0x9D),
    SHARED_SUBSCRIPTIONS_NOT_SUPPORTED(0x9E),
    CONNECTION_RATE_EXCEEDED(0x9F),
    MAXIMUM_CONNECT_TIME(0xA0),
    SUBSCRIPTION_IDENTIFIERS_NOT_SUPPORTED(0xA1),
    WILDCARD_SUBSCRIPTIONS_NOT_SUPPORTED(0xA2);

    /** 0x00 in DISCONNECT. */
    public static final ReasonCode NORMAL_DISCONNECTION = SUCCESS;
    /** 0x00 in SUBACK. */
    public static final ReasonCode GRANTED_QOS_0 = SUCCESS;

    /** Reason codes of 0x80 and above report a failure (section 2.4). */
    private static final int FIRST_ERROR = 0x80;
    private static final ReasonCode[] BY_VALUE = new ReasonCode[0x100];

    static {
        for (ReasonCode code : values()) {
            BY_VALUE[code.value] = code;
        }
    }

    private final int value;

    ReasonCode(int value) {
        this.value = value;
    }

    /** @return the byte on the wire */
    public int value() {
        return value;
    }

    public boolean isError() {
        return value >= FIRST_ERROR;
    }

    /** @return the reason code of a wire value, or null for a value MQTT 5.0 does not define */
    public static ReasonCode of(int value) {
        return value >= 0 && value < BY_VALUE.length ? BY_VALUE[value] : null;
    }

    /** @return the SUBACK reason code granting {@code qos}: Granted QoS 0, 1 or 2 */
    public static ReasonCode granted(QoS qos) {
        return switch (qos) {
            case AT_MOST_ONCE -> GRANTED_QOS_0;
            case AT_LEAST_ONCE -> GRANTED_QOS_1;
            case EXACTLY_ONCE -> GRANTED_QOS_2;
        };
    }

    /** @return the QoS this SUBACK reason code grants, or null when it grants none (a refusal) */
    public QoS grantedQoS() {
        return switch (this) {
            case SUCCESS -> QoS.AT_MOST_ONCE;
            case GRANTED_QOS_1 -> QoS.AT_LEAST_ONCE;
            case GRANTED_QOS_2 -> QoS.EXACTLY_ONCE;
            default -> null;
        };
    }
}
