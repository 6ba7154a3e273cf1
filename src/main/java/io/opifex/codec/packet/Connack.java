package io.opifex.codec.packet;

import java.util.Objects;

/** CONNACK. MQTT 3.x carries the reason code as a {@link ConnectReturnCode} (see its mapping). */
public record Connack(boolean sessionPresent, ReasonCode reasonCode) implements MqttPacket {

    public Connack {
        Objects.requireNonNull(reasonCode, "reasonCode");
    }

    @Override
    public PacketType type() {
        return PacketType.CONNACK;
    }
}
