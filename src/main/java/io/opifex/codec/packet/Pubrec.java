package io.opifex.codec.packet;

public record Pubrec(int packetId) implements MqttPacket {

    public Pubrec {
        PacketIds.requireValid(packetId);
    }

    @Override
    public PacketType type() {
        return PacketType.PUBREC;
    }
}
