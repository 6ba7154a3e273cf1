package io.opifex.codec.packet;

public record Pubrel(int packetId) implements MqttPacket {

    public Pubrel {
        PacketIds.requireValid(packetId);
    }

    @Override
    public PacketType type() {
        return PacketType.PUBREL;
    }
}
