package io.opifex.codec;

import io.opifex.codec.packet.Connack;
import io.opifex.codec.packet.ConnectReturnCode;
import io.opifex.codec.packet.MqttPacket;
import io.opifex.codec.packet.ProtocolVersion;
import io.opifex.codec.packet.QoS;
import io.opifex.codec.packet.ReasonCode;
import io.opifex.codec.packet.Suback;
import io.opifex.codec.packet.Unsuback;
import io.vertx.core.buffer.Buffer;

/**
 * The bodies of the acknowledgements (CONNACK, PUBACK, PUBREC, PUBREL, PUBCOMP, SUBACK, UNSUBACK), whose reason codes
 * each protocol version writes its own way. For {@link MqttEncoder}: a length method checks that the version's form
 * can carry the packet and runs before anything is written; its write method then cannot fail.
 *
 * <p>MQTT 3.1 and 3.1.1 have no reason codes on acknowledgements:
 * <ul>
 *   <li>PUBACK, PUBREC, PUBREL, PUBCOMP and UNSUBACK are the packet identifier only. A success code (below 0x80)
 *       says nothing the ack does not; an error code would be lost on the way, so it is refused.</li>
 *   <li>SUBACK writes 0x00, 0x01, 0x02 for a granted QoS and 0x80 for every error code; any other code is refused
 *       [MQTT-3.9.3-2].</li>
 *   <li>CONNACK writes the {@link ConnectReturnCode#of(ReasonCode) closest return code}; a reason code a CONNACK
 *       cannot carry is refused.</li>
 * </ul>
 */
final class AckEncoders {

    private static final int PACKET_ID_BYTES = 2;
    private static final int CONNACK_BODY_BYTES = 2;

    private AckEncoders() {
    }

    // ---- CONNACK (section 3.2)

    static int connackLength(Connack connack, ProtocolVersion version) {
        return switch (version) {
            case MQTT_3_1, MQTT_3_1_1 -> {
                ConnectReturnCode.of(connack.reasonCode()); // refuses what a CONNACK cannot carry
                yield CONNACK_BODY_BYTES;
            }
        };
    }

    static Buffer writeConnack(Connack connack, ProtocolVersion version, Buffer out) {
        return switch (version) {
            case MQTT_3_1, MQTT_3_1_1 -> out
                    .appendByte((byte) (connack.sessionPresent() ? PacketDecoders.SESSION_PRESENT_FLAG : 0))
                    .appendByte((byte) ConnectReturnCode.of(connack.reasonCode()).code());
        };
    }

    // ---- PUBACK, PUBREC, PUBREL, PUBCOMP (sections 3.4 - 3.7)

    static int ackLength(MqttPacket ack, ReasonCode reasonCode, ProtocolVersion version) {
        return switch (version) {
            case MQTT_3_1, MQTT_3_1_1 -> {
                requireSuccess3(ack, reasonCode);
                yield PACKET_ID_BYTES;
            }
        };
    }

    static Buffer writeAck(int packetId, ProtocolVersion version, Buffer out) {
        return switch (version) {
            case MQTT_3_1, MQTT_3_1_1 -> out.appendUnsignedShort(packetId);
        };
    }

    // ---- SUBACK (section 3.9)

    static int subackLength(Suback suback, ProtocolVersion version) {
        MqttEncoder.requireNonEmpty(suback.reasonCodes().isEmpty(), "SUBACK needs a return code");
        return switch (version) {
            case MQTT_3_1, MQTT_3_1_1 -> {
                suback.reasonCodes().forEach(AckEncoders::subackReturnCode3); // refuses what 3.x has no code for
                yield MqttEncoder.checkedLength(PACKET_ID_BYTES + (long) suback.reasonCodes().size());
            }
        };
    }

    static Buffer writeSuback(Suback suback, ProtocolVersion version, Buffer out) {
        out.appendUnsignedShort(suback.packetId());
        return switch (version) {
            case MQTT_3_1, MQTT_3_1_1 -> {
                for (ReasonCode code : suback.reasonCodes()) {
                    out.appendByte((byte) subackReturnCode3(code));
                }
                yield out;
            }
        };
    }

    /** [MQTT-3.9.3-2] a 3.x SUBACK return code is a granted QoS or 0x80, whatever the error was. */
    private static int subackReturnCode3(ReasonCode code) {
        if (code.isError()) {
            return SubscriptionDecoders.SUBACK_FAILURE_3;
        }
        QoS granted = code.grantedQoS();
        if (granted == null) {
            throw new IllegalArgumentException("[MQTT-3.9.3-2] " + code + " is no SUBACK return code");
        }
        return granted.value();
    }

    // ---- UNSUBACK (section 3.11)

    static int unsubackLength(Unsuback unsuback, ProtocolVersion version) {
        return switch (version) {
            case MQTT_3_1, MQTT_3_1_1 -> {
                unsuback.reasonCodes().forEach(code -> requireSuccess3(unsuback, code));
                yield PACKET_ID_BYTES;
            }
        };
    }

    static Buffer writeUnsuback(Unsuback unsuback, ProtocolVersion version, Buffer out) {
        return switch (version) {
            case MQTT_3_1, MQTT_3_1_1 -> out.appendUnsignedShort(unsuback.packetId()); // no codes in 3.x
        };
    }

    /** A 3.x acknowledgement says "done" by being sent: an error code on it is a caller's bug. */
    private static void requireSuccess3(MqttPacket ack, ReasonCode reasonCode) {
        if (reasonCode.isError()) {
            throw new IllegalArgumentException("MQTT 3.x cannot carry reason code " + reasonCode + " on "
                    + ack.type());
        }
    }
}
