package io.opifex.codec.packet;

import java.util.Objects;

public record Connack(boolean sessionPresent, ConnectReturnCode returnCode) implements MqttPacket {

    public Connack {
        Objects.requireNonNull(returnCode, "returnCode");
    }

    @Override
    public PacketType type() {
        return PacketType.CONNACK;
    }
}
