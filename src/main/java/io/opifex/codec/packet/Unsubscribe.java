package io.opifex.codec.packet;

import java.util.List;

public record Unsubscribe(int packetId, List<String> topicFilters) implements MqttPacket {

    public Unsubscribe {
        PacketIds.requireValid(packetId);
        topicFilters = List.copyOf(topicFilters);
    }

    @Override
    public PacketType type() {
        return PacketType.UNSUBSCRIBE;
    }
}
