package io.opifex.codec;

import io.opifex.codec.DecodeError.Reason;
import io.opifex.codec.packet.Connect;
import io.opifex.codec.packet.ProtocolVersion;
import io.opifex.codec.packet.QoS;
import io.opifex.codec.packet.Will;

/** CONNECT (section 3.1): protocol name and level, connect flags, keep alive, then the payload the flags announce. */
final class ConnectDecoder {

    static final int RESERVED_FLAG = 0b0000_0001;
    static final int CLEAN_SESSION_FLAG = 0b0000_0010;
    static final int WILL_FLAG = 0b0000_0100;
    static final int WILL_QOS_MASK = 0b0001_1000;
    static final int WILL_QOS_SHIFT = 3;
    static final int WILL_RETAIN_FLAG = 0b0010_0000;
    static final int PASSWORD_FLAG = 0b0100_0000;
    static final int USER_NAME_FLAG = 0b1000_0000;

    private static final int WILL_QOS_RESERVED = 3;
    /** [MQTT-3.1.3-1] the payload fields are present exactly as the flags say, in order. */
    private static final String PAYLOAD_SPEC = "MQTT-3.1.3-1";

    private ConnectDecoder() {
    }

    static Connect decode(BodyReader body) {
        ProtocolVersion version = readProtocolVersion(body);
        int flags = body.readUnsignedByte("connect flags");
        checkFlags(flags, body);
        int keepAlive = body.readUnsignedShort("keep alive");

        String clientId = body.readString("client identifier", PAYLOAD_SPEC);
        Will will = null;
        if ((flags & WILL_FLAG) != 0) {
            String topic = body.readString("will topic", PAYLOAD_SPEC);
            Topics.Violation violation = Topics.topicNameViolation(topic);
            if (violation != null) {
                throw body.error(Reason.INVALID_TOPIC_NAME, violation.specId(), "will " + violation.detail());
            }
            byte[] message = body.readBinary("will message", PAYLOAD_SPEC);
            QoS qos = QoS.of((flags & WILL_QOS_MASK) >>> WILL_QOS_SHIFT);
            will = new Will(topic, message, qos, (flags & WILL_RETAIN_FLAG) != 0);
        }
        String userName = (flags & USER_NAME_FLAG) != 0 ? body.readString("user name", PAYLOAD_SPEC) : null;
        // The password is binary data, not a string (section 3.1.3.5).
        byte[] password = (flags & PASSWORD_FLAG) != 0 ? body.readBinary("password", PAYLOAD_SPEC) : null;
        body.expectEnd(PAYLOAD_SPEC);
        return new Connect(version, clientId, (flags & CLEAN_SESSION_FLAG) != 0, keepAlive, will, userName, password);
    }

    private static ProtocolVersion readProtocolVersion(BodyReader body) {
        String name = body.readString("protocol name");
        int level = body.readUnsignedByte("protocol level");
        for (ProtocolVersion version : ProtocolVersion.values()) {
            if (version.protocolName().equals(name)) {
                if (version.level() != level) {
                    // [MQTT-3.1.2-2] a known name with a level we do not speak: the server answers CONNACK 0x01
                    throw body.error(Reason.UNSUPPORTED_PROTOCOL_LEVEL, "MQTT-3.1.2-2",
                            "protocol " + name + " with unsupported level " + level);
                }
                return version;
            }
        }
        // [MQTT-3.1.2-1] any other protocol name: the server may close without CONNACK
        throw body.error(Reason.UNSUPPORTED_PROTOCOL_NAME, "MQTT-3.1.2-1", "unsupported protocol name '" + name + "'");
    }

    private static void checkFlags(int flags, BodyReader body) {
        if ((flags & RESERVED_FLAG) != 0) {
            // [MQTT-3.1.2-3] the reserved flag is 0
            throw body.error(Reason.INVALID_CONNECT_FLAGS, "MQTT-3.1.2-3", "reserved connect flag is set");
        }
        int willQos = (flags & WILL_QOS_MASK) >>> WILL_QOS_SHIFT;
        if ((flags & WILL_FLAG) == 0) {
            // [MQTT-3.1.2-11] without a will, will QoS and will retain are 0
            if (willQos != 0) {
                // [MQTT-3.1.2-13]
                throw body.error(Reason.INVALID_CONNECT_FLAGS, "MQTT-3.1.2-13", "will QoS " + willQos + " without will");
            }
            if ((flags & WILL_RETAIN_FLAG) != 0) {
                // [MQTT-3.1.2-15]
                throw body.error(Reason.INVALID_CONNECT_FLAGS, "MQTT-3.1.2-15", "will retain without will");
            }
        } else if (willQos == WILL_QOS_RESERVED) {
            // [MQTT-3.1.2-14] will QoS 3 is invalid
            throw body.error(Reason.INVALID_QOS, "MQTT-3.1.2-14", "will QoS 3");
        }
        if ((flags & PASSWORD_FLAG) != 0 && (flags & USER_NAME_FLAG) == 0) {
            // [MQTT-3.1.2-22] no password without a user name
            throw body.error(Reason.INVALID_CONNECT_FLAGS, "MQTT-3.1.2-22", "password flag without user name flag");
        }
    }
}
