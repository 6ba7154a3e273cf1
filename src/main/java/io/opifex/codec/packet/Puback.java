package io.opifex.codec.packet;

import java.util.Objects;

/**
 * PUBACK. MQTT 3.x carries the packet identifier only: it decodes as {@link ReasonCode#SUCCESS}, and the
 * encoder refuses an error reason code, which it could not tell the peer.
 */
public record Puback(int packetId, ReasonCode reasonCode) implements MqttPacket {

    public Puback {
        PacketIds.requireValid(packetId);
        Objects.requireNonNull(reasonCode, "reasonCode");
    }

    /** A successful PUBACK: the only kind MQTT 3.x has. */
    public Puback(int packetId) {
        this(packetId, ReasonCode.SUCCESS);
    }

    @Override
    public PacketType type() {
        return PacketType.PUBACK;
    }
}
