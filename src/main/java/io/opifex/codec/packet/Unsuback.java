package io.opifex.codec.packet;

public record Unsuback(int packetId) implements MqttPacket {

    public Unsuback {
        PacketIds.requireValid(packetId);
    }

    @Override
    public PacketType type() {
        return PacketType.UNSUBACK;
    }
}
