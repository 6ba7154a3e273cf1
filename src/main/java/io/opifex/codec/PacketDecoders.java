package io.opifex.codec;

import io.opifex.codec.DecodeError.Reason;
import io.opifex.codec.packet.Connack;
import io.opifex.codec.packet.ConnectReturnCode;
import io.opifex.codec.packet.Disconnect;
import io.opifex.codec.packet.MqttPacket;
import io.opifex.codec.packet.PacketType;
import io.opifex.codec.packet.Pingreq;
import io.opifex.codec.packet.Pingresp;
import io.opifex.codec.packet.ProtocolVersion;
import io.opifex.codec.packet.Puback;
import io.opifex.codec.packet.Pubcomp;
import io.opifex.codec.packet.Pubrec;
import io.opifex.codec.packet.Pubrel;
import io.opifex.codec.packet.ReasonCode;
import io.opifex.codec.packet.Unsuback;
import java.util.List;

/**
 * Decodes one complete body, whose fixed header is already checked, in the form of the connection's protocol
 * version; small packets are decoded right here.
 */
final class PacketDecoders {

    static final int SESSION_PRESENT_FLAG = 0b0000_0001;
    /** Bits 7-1 of the connect acknowledge flags are reserved and 0 (section 3.2.2.1). */
    static final int CONNACK_RESERVED_FLAGS = 0b1111_1110;

    private PacketDecoders() {
    }

    /**
     * @param version the form to read: the connection's version, or 3.1.1 before one is decided (a CONNECT is read
     *                in the form of the version it names)
     */
    static MqttPacket decode(PacketType type, int flags, BodyReader body, ProtocolVersion version) {
        return switch (type) {
            case CONNECT -> ConnectDecoder.decode(body);
            case CONNACK -> connack(body, version);
            case PUBLISH -> PublishDecoder.decode(flags, body);
            case PUBACK -> new Puback(packetIdOnly(body), ackReasonCode(version));
            case PUBREC -> new Pubrec(packetIdOnly(body), ackReasonCode(version));
            case PUBREL -> new Pubrel(packetIdOnly(body), ackReasonCode(version));
            case PUBCOMP -> new Pubcomp(packetIdOnly(body), ackReasonCode(version));
            case SUBSCRIBE -> SubscriptionDecoders.subscribe(body);
            case SUBACK -> SubscriptionDecoders.suback(body, version);
            case UNSUBSCRIBE -> SubscriptionDecoders.unsubscribe(body);
            case UNSUBACK -> new Unsuback(packetIdOnly(body), unsubackReasonCodes(version));
            case PINGREQ -> empty(body, Pingreq.INSTANCE);
            case PINGRESP -> empty(body, Pingresp.INSTANCE);
            case DISCONNECT -> empty(body, Disconnect.INSTANCE);
        };
    }

    private static Connack connack(BodyReader body, ProtocolVersion version) {
        return switch (version) {
            case MQTT_3_1, MQTT_3_1_1 -> connack3(body);
        };
    }

    /** The 3.x CONNACK: flags and a return code, read as the {@link ReasonCode} it stands for. */
    private static Connack connack3(BodyReader body) {
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
        return new Connack(sessionPresent, returnCode.reasonCode());
    }

    /** PUBACK, PUBREC, PUBREL and PUBCOMP of 3.x report success by being sent: they have no reason code. */
    private static ReasonCode ackReasonCode(ProtocolVersion version) {
        return switch (version) {
            case MQTT_3_1, MQTT_3_1_1 -> ReasonCode.SUCCESS;
        };
    }

    private static List<ReasonCode> unsubackReasonCodes(ProtocolVersion version) {
        return switch (version) {
            case MQTT_3_1, MQTT_3_1_1 -> List.of(); // 3.x acknowledges the whole UNSUBSCRIBE, no code per filter
        };
    }

    /** PUBACK, PUBREC, PUBREL, PUBCOMP and UNSUBACK of 3.x are a packet identifier and nothing else. */
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
