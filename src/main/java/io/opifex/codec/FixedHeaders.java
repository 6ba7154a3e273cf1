package io.opifex.codec;

import io.opifex.codec.DecodeError.Reason;
import io.opifex.codec.packet.PacketType;
import io.opifex.codec.packet.QoS;

/** The first byte of every packet: type in the upper nibble, flags in the lower (MQTT 3.1.1 section 2.2). */
final class FixedHeaders {

    static final int TYPE_SHIFT = 4;
    static final int FLAGS_MASK = 0x0F;
    /** PUBREL, SUBSCRIBE and UNSUBSCRIBE carry 0,0,1,0 in their flag bits (Table 2.2). */
    static final int FLAGS_0010 = 0b0010;
    static final int NO_FLAGS = 0b0000;

    static final int PUBLISH_DUP = 0b1000;
    static final int PUBLISH_QOS_SHIFT = 1;
    static final int PUBLISH_QOS_MASK = 0b11;
    static final int PUBLISH_RETAIN = 0b0001;
    private static final int QOS_RESERVED = 3;

    private FixedHeaders() {
    }

    static int byteFor(PacketType type, int flags) {
        return type.code() << TYPE_SHIFT | flags;
    }

    static int publishQos(int flags) {
        return (flags >>> PUBLISH_QOS_SHIFT) & PUBLISH_QOS_MASK;
    }

    /** @return the type in the first byte, after checking its flags */
    static PacketType parse(int firstByte) {
        int code = firstByte >>> TYPE_SHIFT;
        int flags = firstByte & FLAGS_MASK;
        PacketType type = PacketType.ofCode(code);
        if (type == null) {
            // Types 0 and 15 are reserved (Table 2.1); the spec gives no id for receiving them.
            throw new DecodeException(Reason.RESERVED_PACKET_TYPE, null, null, "reserved packet type " + code);
        }
        switch (type) {
            case PUBLISH -> checkPublishFlags(flags);
            // [MQTT-3.6.1-1]
            case PUBREL -> requireFlags(type, flags, FLAGS_0010, "MQTT-3.6.1-1");
            // [MQTT-3.8.1-1]
            case SUBSCRIBE -> requireFlags(type, flags, FLAGS_0010, "MQTT-3.8.1-1");
            // [MQTT-3.10.1-1]
            case UNSUBSCRIBE -> requireFlags(type, flags, FLAGS_0010, "MQTT-3.10.1-1");
            // [MQTT-2.2.2-1] reserved flags must have the value of Table 2.2; [MQTT-2.2.2-2] anything else is fatal
            default -> requireFlags(type, flags, NO_FLAGS, "MQTT-2.2.2-1");
        }
        return type;
    }

    private static void checkPublishFlags(int flags) {
        int qos = publishQos(flags);
        if (qos == QOS_RESERVED) {
            // [MQTT-3.3.1-4] both QoS bits set is malformed
            throw new DecodeException(Reason.INVALID_QOS, PacketType.PUBLISH, "MQTT-3.3.1-4", "PUBLISH with QoS 3");
        }
        if ((flags & PUBLISH_DUP) != 0 && qos == QoS.AT_MOST_ONCE.value()) {
            // [MQTT-3.3.1-2] DUP must be 0 for QoS 0
            throw new DecodeException(Reason.DUP_ON_QOS_0, PacketType.PUBLISH, "MQTT-3.3.1-2",
                    "PUBLISH with DUP set on QoS 0");
        }
    }

    private static void requireFlags(PacketType type, int flags, int expected, String specId) {
        if (flags != expected) {
            throw new DecodeException(Reason.INVALID_FIXED_HEADER_FLAGS, type, specId,
                    type + " with flags 0b" + bits(flags) + ", must be 0b" + bits(expected));
        }
    }

    private static String bits(int flags) {
        String binary = Integer.toBinaryString(flags | 0b1_0000);
        return binary.substring(1); // four digits, leading zeros kept
    }
}
