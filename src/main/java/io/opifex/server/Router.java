package io.opifex.server;

import io.opifex.codec.packet.QoS;
import io.opifex.server.session.Session;
import io.opifex.topic.MatchedSubscribers;
import io.opifex.topic.TopicTree;
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
 * [MQTT-3.3.5-1]. Sessions on this event loop get it at once. Those on other loops get it in a batch: everything
 * this loop routes to another loop in one turn travels as one task, so a busy publisher costs the subscriber's
 * loop one wake-up per turn, not one per message.
 */
final class Router {

    private final TopicTree<Session> subscriptions;
    private final Broker broker;
    /** Per event loop thread: the match collector and the batches waiting for the end of this turn. */
    private final ThreadLocal<LoopState> loops = ThreadLocal.withInitial(this::firstRouteHere);
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
    private LoopState firstRouteHere() {
        Context here = Vertx.currentContext();
        if (here != null) {
            routingLoops.put(Thread.currentThread(), here);
        }
        return new LoopState(here);
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
        LoopState loop = loops.get();
        MatchedSubscribers<Session> targets = loop.matched;
        targets.clear();
        subscriptions.matchDistinct(message.topic(), targets);
        int count = targets.size();
        if (count == 0) {
            return 0;
        }
        loop.message = message;
        loop.congested = congested;
        targets.forEach(loop);
        loop.message = null;
        loop.congested = null;
        targets.clear();
        loop.flushLocal();
        if (loop.context == null) {
            loop.flushRemote(); // not on a loop: nothing would run the end-of-turn flush
        }
        return count;
    }

    /** Sends what this loop batched for other loops now; a handover fence must not overtake it. */
    void flushPending() {
        loops.get().flushRemote();
    }

    private record Delivery(Session session, Message message, QoS qos) {
    }

    /** Owned by one event loop thread. */
    private final class LoopState implements java.util.function.BiConsumer<Session, QoS> {
        final Context context;
        final MatchedSubscribers<Session> matched = new MatchedSubscribers<>();
        final ArrayList<Delivery> local = new ArrayList<>();
        final Map<Context, List<Delivery>> remote = new IdentityHashMap<>();
        boolean flushScheduled;
        Message message;
        List<Session> congested;

        LoopState(Context context) {
            this.context = context;
        }

        /** One matched session, at its highest matching QoS. */
        @Override
        public void accept(Session session, QoS subscribed) {
            QoS qos = QoS.min(message.qos(), subscribed);
            if (qos != QoS.AT_MOST_ONCE && session.routedTo() >= broker.congestionMark() && congested != null) {
                congested.add(session);
            }
            Context owner = session.owner();
            if (owner == context) {
                local.add(new Delivery(session, message, qos));
            } else {
                remote.computeIfAbsent(owner, c -> new ArrayList<>()).add(new Delivery(session, message, qos));
                if (!flushScheduled && context != null) {
                    flushScheduled = true;
                    context.runOnContext(v -> flushRemote());
                }
            }
        }

        void flushLocal() {
            for (int i = 0; i < local.size(); i++) {
                Delivery d = local.get(i);
                broker.deliverRouted(d.session, d.message, d.qos, false);
            }
            local.clear();
        }

        void flushRemote() {
            flushScheduled = false;
            if (remote.isEmpty()) {
                return;
            }
            for (Map.Entry<Context, List<Delivery>> batch : remote.entrySet()) {
                List<Delivery> deliveries = batch.getValue();
                batch.getKey().runOnContext(v -> {
                    for (int i = 0; i < deliveries.size(); i++) {
                        Delivery d = deliveries.get(i);
                        broker.deliverRouted(d.session, d.message, d.qos, false);
                    }
                });
            }
            remote.clear();
        }
    }
}
