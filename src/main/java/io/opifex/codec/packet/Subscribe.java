package io.opifex.codec.packet;

import java.util.List;

public record Subscribe(int packetId, List<TopicSubscription> subscriptions) implements MqttPacket {

    public Subscribe {
        PacketIds.requireValid(packetId);
        subscriptions = List.copyOf(subscriptions);
    }

    @Override
    public PacketType type() {
        return PacketType.SUBSCRIBE;
    }
}
