package io.opifex.server.handler;

import io.opifex.codec.packet.Puback;
import io.opifex.codec.packet.Publish;
import io.opifex.codec.packet.Pubrec;
import io.opifex.server.Broker;
import io.opifex.server.Message;
import io.opifex.server.ServerConnection;
import io.opifex.server.session.Session;
import java.util.List;

/** Inbound PUBLISH at QoS 0, 1 and 2: route first, acknowledge after, so an acknowledged message is never lost. */
public final class PublishHandler {

    private final Broker broker;

    public PublishHandler(Broker broker) {
        this.broker = broker;
    }

    /**
     * QoS 1 and 2 messages the broker accepted must not be dropped because a subscriber is slow: when a target's
     * queue fills, this publisher stops being read until it drains (or the pause limit passes).
     */
    private void routeWithFlowControl(ServerConnection client, Message message) {
        List<Session> congested = client.congestedTargets();
        broker.publishFrom(client.identity(), message, congested);
        if (!congested.isEmpty()) {
            client.pauseForCongestion(broker.settings().maxPublisherPause());
        }
    }

    public void handle(ServerConnection client, Publish publish) {
        String limitViolation = broker.topicLimits().check(publish.topic());
        if (limitViolation != null) {
            // 3.1.1 has no negative acknowledgement: closing is the only answer the client can see
            client.protocolError("PUBLISH topic " + limitViolation, null);
            return;
        }
        Message message = new Message(publish.topic(), publish.payload(), publish.qos(), publish.retain(),
                System.nanoTime());
        switch (publish.qos()) {
            case AT_MOST_ONCE -> broker.publishFrom(client.identity(), message);
            case AT_LEAST_ONCE -> {
                routeWithFlowControl(client, message);
                client.connection().send(new Puback(publish.packetId())); // [MQTT-4.3.2-2]
            }
            case EXACTLY_ONCE -> {
                // a resend before PUBREL, DUP or not, is acknowledged again but not routed again [MQTT-4.3.3-2]
                if (client.session().firstInboundQos2(publish.packetId())) {
                    routeWithFlowControl(client, message);
                }
                client.connection().send(new Pubrec(publish.packetId()));
            }
        }
    }
}
