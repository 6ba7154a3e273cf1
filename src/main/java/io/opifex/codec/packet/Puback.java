package io.opifex.codec.packet;

public record Puback(int packetId) implements MqttPacket {

    public Puback {
        PacketIds.requireValid(packetId);
    }

    @Override
    public PacketType type() {
        return PacketType.PUBACK;
    }
}
