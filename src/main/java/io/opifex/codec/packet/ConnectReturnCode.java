package io.opifex.codec.packet;

/**
 * CONNACK return codes of MQTT 3.1 and 3.1.1 (section 3.2.2.3): the 3.x wire form of a CONNACK {@link ReasonCode}.
 * Each of them has an exact MQTT 5.0 counterpart ({@link #reasonCode()}); the other way, {@link #of(ReasonCode)}
 * maps every reason code a CONNACK may carry to the closest of these six.
 */
public enum ConnectReturnCode {
    ACCEPTED(0x00, "connection accepted", ReasonCode.SUCCESS),
    UNACCEPTABLE_PROTOCOL_VERSION(0x01, "the server does not support the level of the MQTT protocol requested",
            ReasonCode.UNSUPPORTED_PROTOCOL_VERSION),
    IDENTIFIER_REJECTED(0x02, "the client identifier is correct UTF-8 but not allowed by the server",
            ReasonCode.CLIENT_IDENTIFIER_NOT_VALID),
    SERVER_UNAVAILABLE(0x03, "the network connection has been made but the MQTT service is unavailable",
            ReasonCode.SERVER_UNAVAILABLE),
    BAD_USER_NAME_OR_PASSWORD(0x04, "the data in the user name or password is malformed",
            ReasonCode.BAD_USER_NAME_OR_PASSWORD),
    NOT_AUTHORIZED(0x05, "the client is not authorized to connect", ReasonCode.NOT_AUTHORIZED);

    private final int code;
    private final String meaning;
    private final ReasonCode reasonCode;

    ConnectReturnCode(int code, String meaning, ReasonCode reasonCode) {
        this.code = code;
        this.meaning = meaning;
        this.reasonCode = reasonCode;
    }

    public int code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }

    /** @return the MQTT 5.0 CONNACK reason code that means exactly this */
    public ReasonCode reasonCode() {
        return reasonCode;
    }

    /** @return the return code for a wire value, or null for the reserved values 6-255 */
    public static ConnectReturnCode ofCode(int code) {
        for (ConnectReturnCode rc : values()) {
            if (rc.code == code) {
                return rc;
            }
        }
        return null;
    }

    /**
     * The closest 3.x return code to a CONNACK reason code, for a 3.x client. The six with an exact counterpart map
     * to it; of the others, those that say "not now or not here" map to {@link #SERVER_UNAVAILABLE} (0x03, which a
     * client may retry), bad credentials of any kind to {@link #BAD_USER_NAME_OR_PASSWORD} (0x04), and every other
     * refusal to {@link #NOT_AUTHORIZED} (0x05, which a client does not retry blindly):
     * <ul>
     *   <li>0x03: Server unavailable, Server busy, Server shutting down, Use another server, Server moved,
     *       Quota exceeded, Connection rate exceeded</li>
     *   <li>0x04: Bad user name or password, Bad authentication method</li>
     *   <li>0x05: Not authorized, Banned, Unspecified error, Malformed packet, Protocol error, Implementation
     *       specific error, Topic name invalid, Packet too large, Payload format invalid, Retain not supported,
     *       QoS not supported</li>
     * </ul>
     * Server shutting down is a DISCONNECT code in MQTT 5.0, accepted here because a draining broker refuses
     * connections with it.
     *
     * @throws IllegalArgumentException for a reason code a CONNACK cannot carry (e.g. Granted QoS 1, Session taken
     *                                  over): a programming error
     */
    public static ConnectReturnCode of(ReasonCode reasonCode) {
        return switch (reasonCode) {
            case SUCCESS -> ACCEPTED;
            case UNSUPPORTED_PROTOCOL_VERSION -> UNACCEPTABLE_PROTOCOL_VERSION;
            case CLIENT_IDENTIFIER_NOT_VALID -> IDENTIFIER_REJECTED;
            case SERVER_UNAVAILABLE, SERVER_BUSY, SERVER_SHUTTING_DOWN, USE_ANOTHER_SERVER, SERVER_MOVED,
                    QUOTA_EXCEEDED, CONNECTION_RATE_EXCEEDED -> SERVER_UNAVAILABLE;
            case BAD_USER_NAME_OR_PASSWORD, BAD_AUTHENTICATION_METHOD -> BAD_USER_NAME_OR_PASSWORD;
            case NOT_AUTHORIZED, BANNED, UNSPECIFIED_ERROR, MALFORMED_PACKET, PROTOCOL_ERROR,
                    IMPLEMENTATION_SPECIFIC_ERROR, TOPIC_NAME_INVALID, PACKET_TOO_LARGE, PAYLOAD_FORMAT_INVALID,
                    RETAIN_NOT_SUPPORTED, QOS_NOT_SUPPORTED -> NOT_AUTHORIZED;
            default -> throw new IllegalArgumentException("CONNACK cannot carry reason code " + reasonCode);
        };
    }
}
