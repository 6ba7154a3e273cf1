package io.opifex.server.handler;

import io.opifex.codec.packet.Unsuback;
import io.opifex.codec.packet.Unsubscribe;
import io.opifex.server.port.Client;
import io.opifex.server.port.Subscriptions;

/** UNSUBSCRIBE: the filters leave routing; deliveries already in flight still complete [MQTT-3.10.4-3]. */
public final class UnsubscribeHandler implements PacketHandler<Unsubscribe> {

    private final Subscriptions subscriptions;

    public UnsubscribeHandler(Subscriptions subscriptions) {
        this.subscriptions = subscriptions;
    }

    @Override
    public void handle(Client client, Unsubscribe unsubscribe) {
        for (String filter : unsubscribe.topicFilters()) {
            subscriptions.unsubscribe(client.session(), filter); // [MQTT-3.10.4-1]
        }
        client.send(new Unsuback(unsubscribe.packetId())); // [MQTT-3.10.4-4], [MQTT-3.10.4-5]
    }
}
