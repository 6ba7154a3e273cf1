package io.opifex.codec.packet;

import java.util.List;

/**
 * SUBACK: one reason code per topic filter of the SUBSCRIBE, in order [MQTT-3.9.3-1]. A granted subscription is
 * {@link ReasonCode#granted(QoS)}; a refused one is an error code (MQTT 3.x writes every error as 0x80, and reads
 * 0x80 as {@link ReasonCode#UNSPECIFIED_ERROR}).
 */
public record Suback(int packetId, List<ReasonCode> reasonCodes) implements MqttPacket {

    public Suback {
        PacketIds.requireValid(packetId);
        reasonCodes = List.copyOf(reasonCodes);
    }

    @Override
    public PacketType type() {
        return PacketType.SUBACK;
    }
}
