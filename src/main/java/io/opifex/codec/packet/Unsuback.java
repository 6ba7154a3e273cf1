package io.opifex.codec.packet;

import java.util.List;

/**
 * UNSUBACK, with one reason code per topic filter of the UNSUBSCRIBE, or none. MQTT 3.x has no reason codes in it:
 * decoded, the list is empty; encoded, the codes are left out, and an error code, which 3.x could not tell the peer,
 * is refused.
 */
public record Unsuback(int packetId, List<ReasonCode> reasonCodes) implements MqttPacket {

    public Unsuback {
        PacketIds.requireValid(packetId);
        reasonCodes = List.copyOf(reasonCodes);
    }

    /** An UNSUBACK without reason codes, as MQTT 3.x has it. */
    public Unsuback(int packetId) {
        this(packetId, List.of());
    }

    @Override
    public PacketType type() {
        return PacketType.UNSUBACK;
    }
}
