package io.opifex.codec.packet;

import java.util.Objects;

/**
 * PUBCOMP. MQTT 3.x carries the packet identifier only: it decodes as {@link ReasonCode#SUCCESS}, and the
 * encoder refuses an error reason code, which it could not tell the peer.
 */
public record Pubcomp(int packetId, ReasonCode reasonCode) implements MqttPacket {

    public Pubcomp {
        PacketIds.requireValid(packetId);
        Objects.requireNonNull(reasonCode, "reasonCode");
    }

    /** A successful PUBCOMP: the only kind MQTT 3.x has. */
    public Pubcomp(int packetId) {
        this(packetId, ReasonCode.SUCCESS);
    }

    @Override
    public PacketType type() {
        return PacketType.PUBCOMP;
    }
}
