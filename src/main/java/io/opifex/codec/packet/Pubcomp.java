package io.opifex.codec.packet;

public record Pubcomp(int packetId) implements MqttPacket {

    public Pubcomp {
        PacketIds.requireValid(packetId);
    }

    @Override
    public PacketType type() {
        return PacketType.PUBCOMP;
    }
}
