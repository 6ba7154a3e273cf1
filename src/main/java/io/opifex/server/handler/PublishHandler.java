package io.opifex.server.handler;

import io.opifex.codec.packet.Puback;
import io.opifex.codec.packet.Publish;
import io.opifex.codec.packet.Pubrec;
import io.opifex.server.message.Message;
import io.opifex.server.port.Client;
import io.opifex.server.port.Routing;

/** Inbound PUBLISH at QoS 0, 1 and 2: route first, acknowledge after, so an acknowledged message is never lost. */
public final class PublishHandler implements PacketHandler<Publish> {

    private final Routing routing;
    private final TopicLimits limits;

    public PublishHandler(Routing routing, TopicLimits limits) {
        this.routing = routing;
        this.limits = limits;
    }

    @Override
    public void handle(Client client, Publish publish) {
        String limitViolation = limits.check(publish.topic());
        if (limitViolation != null) {
            // 3.1.1 has no negative acknowledgement: closing is the only answer the client can see
            client.protocolError("PUBLISH topic " + limitViolation, null);
            return;
        }
        Message message = new Message(publish.topic(), publish.payload(), publish.qos(), publish.retain(),
                System.nanoTime());
        switch (publish.qos()) {
            case AT_MOST_ONCE -> routing.publishFrom(client.identity(), message, null);
            case AT_LEAST_ONCE -> {
                routeWithFlowControl(client, message);
                client.send(new Puback(publish.packetId())); // [MQTT-4.3.2-2]
            }
            case EXACTLY_ONCE -> {
                // a resend before PUBREL, DUP or not, is acknowledged again but not routed again [MQTT-4.3.3-2]
                if (client.session().inboundQos2().arrived(publish.packetId())) {
                    routeWithFlowControl(client, message);
                }
                client.send(new Pubrec(publish.packetId()));
            }
        }
    }

    /**
     * QoS 1 and 2 messages the broker accepted must not be dropped because a subscriber is slow: when a target's
     * queue fills, this publisher stops being read until it drains (or the pause limit passes).
     */
    private void routeWithFlowControl(Client client, Message message) {
        int congested = routing.publishFrom(client.identity(), message, client.drainListener());
        if (congested > 0) {
            client.pauseUntilDrained(congested);
        }
    }
}
