package io.opifex.server.routing;

import io.opifex.codec.packet.QoS;
import io.opifex.server.auth.Authorizer;
import io.opifex.server.message.Message;
import io.opifex.server.metrics.BrokerMetrics;
import io.opifex.server.metrics.DropReason;
import io.opifex.server.session.Session;
import io.opifex.server.session.SessionOwnership;
import io.opifex.server.store.SessionStorage;

/**
 * A message at its session, on the session's event loop: dropped if the client may not receive its topic, queued
 * in the store if the session's client is away, else handed to the session.
 */
public final class Deliveries implements SessionOwnership.Arrival {

    private final Authorizer authorizer;
    private final SessionStorage storage;
    private final BrokerMetrics metrics;

    public Deliveries(Authorizer authorizer, SessionStorage storage, BrokerMetrics metrics) {
        this.authorizer = authorizer;
        this.storage = storage;
        this.metrics = metrics;
    }

    /** A routed message: normal forwarding clears RETAIN [MQTT-3.3.1-9]. */
    @Override
    public void arrive(Session session, Message message, QoS qos) {
        deliver(session, message, qos, false);
    }

    /** @param retainFlag set only for retained messages sent because of a new subscription [MQTT-3.3.1-8] */
    public void deliver(Session session, Message message, QoS qos, boolean retainFlag) {
        if (!authorizer.canReceive(session.clientId(), message.topic())) {
            metrics.messageDropped(DropReason.NOT_AUTHORIZED);
            return;
        }
        if (session.isStored()) {
            storage.enqueue(session, message, qos);
            return;
        }
        session.offer(message, qos, retainFlag);
    }
}
