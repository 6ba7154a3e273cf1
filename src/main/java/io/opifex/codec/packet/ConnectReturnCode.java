package io.opifex.codec.packet;

/** CONNACK return codes of MQTT 3.1.1, section 3.2.2.3. */
public enum ConnectReturnCode {
    ACCEPTED(0x00, "connection accepted"),
    UNACCEPTABLE_PROTOCOL_VERSION(0x01, "the server does not support the level of the MQTT protocol requested"),
    IDENTIFIER_REJECTED(0x02, "the client identifier is correct UTF-8 but not allowed by the server"),
    SERVER_UNAVAILABLE(0x03, "the network connection has been made but the MQTT service is unavailable"),
    BAD_USER_NAME_OR_PASSWORD(0x04, "the data in the user name or password is malformed"),
    NOT_AUTHORIZED(0x05, "the client is not authorized to connect");

    private final int code;
    private final String meaning;

    ConnectReturnCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    public String meaning() {
        return meaning;
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
}
