package io.opifex.codec;

import io.opifex.codec.DecodeError.Reason;
import io.opifex.codec.packet.Connack;
import io.opifex.codec.packet.ConnectReturnCode;
import io.opifex.codec.packet.Disconnect;
import io.opifex.codec.packet.MqttPacket;
import io.opifex.codec.packet.PacketType;
import io.opifex.codec.packet.Pingreq;
import io.opifex.codec.packet.Pingresp;
import io.opifex.codec.packet.Puback;
import io.opifex.codec.packet.Pubcomp;
import io.opifex.codec.packet.Pubrec;
import io.opifex.codec.packet.Pubrel;
import io.opifex.codec.packet.Unsuback;

/** Decodes one complete body, whose fixed header is already checked; small packets are decoded right here. */
final class PacketDecoders {

    static final int SESSION_PRESENT_FLAG = 0b0000_0001;
    /** Bits 7-1 of the connect acknowledge flags are reserved and 0 (section 3.2.2.1). */
    static final int CONNACK_RESERVED_FLAGS = 0b1111_1110;

    private PacketDecoders() {
    }

    static MqttPacket decode(PacketType type, int flags, BodyReader body) {
        return switch (type) {
            case CONNECT -> ConnectDecoder.decode(body);
            case CONNACK -> connack(body);
            case PUBLISH -> PublishDecoder.decode(flags, body);
            case PUBACK -> new Puback(packetIdOnly(body));
            case PUBREC -> new Pubrec(packetIdOnly(body));
            case PUBREL -> new Pubrel(packetIdOnly(body));
            case PUBCOMP -> new Pubcomp(packetIdOnly(body));
            case SUBSCRIBE -> SubscriptionDecoders.subscribe(body);
            case SUBACK -> SubscriptionDecoders.suback(body);
            case UNSUBSCRIBE -> SubscriptionDecoders.unsubscribe(body);
            case UNSUBACK -> new Unsuback(packetIdOnly(body));
            case PINGREQ -> empty(body, Pingreq.INSTANCE);
            case PINGRESP -> empty(body, Pingresp.INSTANCE);
            case DISCONNECT -> empty(body, Disconnect.INSTANCE);
        };
    }

    private static Connack connack(BodyReader body) {
        int ackFlags = body.readUnsignedByte("connect acknowledge flags");
        if ((ackFlags & CONNACK_RESERVED_FLAGS) != 0) {
            throw body.error(Reason.MALFORMED_FIELD, null,
                    "reserved connect acknowledge flags 0x" + Integer.toHexString(ackFlags));
        }
        int code = body.readUnsignedByte("return code");
        ConnectReturnCode returnCode = ConnectReturnCode.ofCode(code);
        if (returnCode == null) {
            // 6-255 are reserved (section 3.2.2.3); the spec gives no id.
            throw body.error(Reason.MALFORMED_FIELD, null, "reserved return code " + code);
        }
        boolean sessionPresent = (ackFlags & SESSION_PRESENT_FLAG) != 0;
        if (sessionPresent && returnCode != ConnectReturnCode.ACCEPTED) {
            // [MQTT-3.2.2-4] a refused connection has no session
            throw body.error(Reason.MALFORMED_FIELD, "MQTT-3.2.2-4", "session present with return code " + code);
        }
        body.expectEnd();
        return new Connack(sessionPresent, returnCode);
    }

    /** PUBACK, PUBREC, PUBREL, PUBCOMP and UNSUBACK are a packet identifier and nothing else. */
    private static int packetIdOnly(BodyReader body) {
        int packetId = body.readPacketId();
        body.expectEnd();
        return packetId;
    }

    /** PINGREQ, PINGRESP and DISCONNECT have no variable header and no payload. */
    private static MqttPacket empty(BodyReader body, MqttPacket packet) {
        body.expectEnd();
        return packet;
    }
}
