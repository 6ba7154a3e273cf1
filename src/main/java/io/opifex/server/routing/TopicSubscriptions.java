package io.opifex.server.routing;

import io.opifex.codec.packet.QoS;
import io.opifex.server.metrics.BrokerMetrics;
import io.opifex.server.port.Subscriptions;
import io.opifex.server.session.Session;
import io.opifex.topic.TopicTree;

/**
 * Every session's subscriptions in one topic tree for routing, kept in step with each session's own
 * {@link io.opifex.server.session.SubscriptionSet}.
 */
public final class TopicSubscriptions implements Subscriptions {

    private final TopicTree<Session> tree;
    private final RetainedMessages retained;
    private final Deliveries deliveries;
    private final BrokerMetrics metrics;

    public TopicSubscriptions(TopicTree<Session> tree, RetainedMessages retained, Deliveries deliveries,
                              BrokerMetrics metrics) {
        this.tree = tree;
        this.retained = retained;
        this.deliveries = deliveries;
        this.metrics = metrics;
    }

    @Override
    public void subscribe(Session session, String filter, QoS qos) {
        if (session.subscriptions().put(filter, qos) == null) {
            metrics.subscriptionsChanged(1);
        }
        tree.subscribe(filter, session, qos);
    }

    @Override
    public boolean unsubscribe(Session session, String filter) {
        if (!session.subscriptions().remove(filter)) {
            return false;
        }
        tree.unsubscribe(filter, session);
        metrics.subscriptionsChanged(-1);
        return true;
    }

    /** A session that ends, or starts clean, takes its subscriptions out of routing [MQTT-3.1.2-6]. */
    public void unsubscribeAll(Session session) {
        session.subscriptions().forEach((filter, qos) -> {
            tree.unsubscribe(filter, session);
            metrics.subscriptionsChanged(-1);
        });
        session.subscriptions().clear();
    }

    /** Adds a restored session's filters to routing; the session already lists them. */
    public void restore(Session session) {
        session.subscriptions().forEach((filter, qos) -> {
            tree.subscribe(filter, session, qos);
            metrics.subscriptionsChanged(1);
        });
    }

    @Override
    public void sendRetained(Session session, String filter, QoS qos) {
        retained.match(filter, message -> deliveries.deliver(session, message, QoS.min(message.qos(), qos), true));
    }
}
