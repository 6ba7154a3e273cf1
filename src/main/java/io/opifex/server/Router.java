package io.opifex.server;

import io.opifex.codec.packet.QoS;
import io.opifex.server.session.Session;
import io.opifex.server.topic.MatchedSubscribers;
import io.opifex.server.topic.TopicTree;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fans a message out to the sessions whose filters match: one copy per session at the highest matching QoS
 * [MQTT-3.3.5-1]. Sessions on this event loop get it at once; those on other loops get it by one message per loop.
 */
final class Router {

    private final TopicTree<Session> subscriptions;
    private final Broker broker;
    /** One collector per event loop thread: matching allocates nothing per publish. */
    private final ThreadLocal<MatchedSubscribers<Session>> matched = ThreadLocal.withInitial(this::firstRouteHere);
    /** A context on every thread that has routed: the loops a session handover must fence. */
    private final Map<Thread, Context> routingLoops = new ConcurrentHashMap<>();

    Router(TopicTree<Session> subscriptions, Broker broker) {
        this.subscriptions = subscriptions;
        this.broker = broker;
    }

    /**
     * Registers this loop before its first route reads any session's owner: a handover that misses the
     * registration is then sure that this loop reads the new owner (both are volatile; one sees the other).
     */
    private MatchedSubscribers<Session> firstRouteHere() {
        Context here = Vertx.currentContext();
        if (here != null) {
            routingLoops.put(Thread.currentThread(), here);
        }
        return new MatchedSubscribers<>();
    }

    /** One context per loop that has routed messages. */
    Collection<Context> routingLoops() {
        return routingLoops.values();
    }

    /**
     * @param congested where to add target sessions whose queues are filling up (QoS 1/2 only), or null
     * @return how many sessions the message was handed to
     */
    int route(Message message, List<Session> congested) {
        MatchedSubscribers<Session> targets = matched.get();
        targets.clear();
        subscriptions.matchDistinct(message.topic(), targets);
        int count = targets.size();
        if (count == 0) {
            return 0;
        }
        List<Delivery> all = new ArrayList<>(count);
        targets.forEach((session, qos) -> all.add(new Delivery(session, QoS.min(message.qos(), qos))));
        targets.clear();
        Context here = Vertx.currentContext();
        Map<Context, List<Delivery>> remote = null;
        List<Delivery> local = new ArrayList<>(count);
        for (Delivery delivery : all) {
            if (delivery.qos != QoS.AT_MOST_ONCE && delivery.session.routedTo() >= broker.congestionMark()
                    && congested != null) {
                congested.add(delivery.session);
            }
            Context owner = delivery.session.owner();
            if (owner == here) {
                local.add(delivery);
            } else {
                if (remote == null) {
                    remote = new IdentityHashMap<>();
                }
                remote.computeIfAbsent(owner, c -> new ArrayList<>()).add(delivery);
            }
        }
        for (Delivery d : local) {
            broker.deliverRouted(d.session, message, d.qos, false);
        }
        if (remote != null) {
            for (Map.Entry<Context, List<Delivery>> batch : remote.entrySet()) {
                List<Delivery> deliveries = batch.getValue();
                batch.getKey().runOnContext(v -> {
                    for (Delivery d : deliveries) {
                        broker.deliverRouted(d.session, message, d.qos, false);
                    }
                });
            }
        }
        return count;
    }

    private record Delivery(Session session, QoS qos) {
    }
}
