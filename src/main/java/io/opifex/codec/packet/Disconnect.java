package io.opifex.codec.packet;

public record Disconnect() implements MqttPacket {

    public static final Disconnect INSTANCE = new Disconnect();

    @Override
    public PacketType type() {
        return PacketType.DISCONNECT;
    }
}
