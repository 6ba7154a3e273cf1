package io.opifex.server.session;

import io.opifex.codec.packet.QoS;
import io.opifex.server.message.Message;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The one place that knows which event loop owns a session and carries work there: every other part asks it
 * instead of comparing contexts itself. Today an owner is an event loop of this process; a cluster extends this
 * class's decisions, not its callers.
 *
 * <p>Routed messages travel in batches: what one loop routes to another loop in one turn goes as one task, so a
 * busy publisher costs the subscriber's loop one wake-up per turn, not one per message. When a session moves
 * (its client reconnected on another loop), every routing loop is fenced, so that messages routed straight to the
 * new owner wait for those still on their way through the old one [MQTT-4.6.0-6].
 */
public final class SessionOwnership {

    /** What runs on a session's owner for each message routed to it. */
    @FunctionalInterface
    public interface Arrival {
        void arrive(Session session, Message message, QoS qos);
    }

    private final Arrival arrival;
    /** Per event loop thread: the batches waiting for the end of this turn. */
    private final ThreadLocal<Batches> loops = ThreadLocal.withInitial(this::firstRouteHere);
    /** A context on every thread that has routed: the loops a move must fence. */
    private final Map<Thread, Context> routingLoops = new ConcurrentHashMap<>();

    public SessionOwnership(Arrival arrival) {
        this.arrival = arrival;
    }

    /** Runs {@code work} on the session's owner: now if that is this loop, else there, following a move. */
    public void execute(Session session, Consumer<Session> work) {
        Context owner = session.owner();
        if (owner == Vertx.currentContext()) {
            work.accept(session);
        } else {
            owner.runOnContext(v -> execute(session, work));
        }
    }

    /**
     * The calling loop's batches: routing one message queues each target in them, then flushes. Owned by the
     * calling thread; a caller on an event loop may keep the reference for that loop's later messages.
     */
    public Batches batchesHere() {
        return loops.get();
    }

    /**
     * Moves a session to {@code newOwner}; runs on its current owner. Every loop that routes gets a fence: once it
     * has run, that loop reads the new owner, and a marker it sends through the old owner arrives at the new one
     * after anything the loop routed to the old owner before.
     */
    public void handOver(Session session, Context newOwner) {
        Context oldOwner = Vertx.currentContext();
        Collection<Context> fenced = routingLoops.values();
        session.beginHandover(fenced.size());
        session.moveTo(newOwner);
        for (Context loop : fenced) {
            loop.runOnContext(fence -> {
                loops.get().flushRemote(); // what this loop batched for the old owner goes ahead of the marker
                oldOwner.runOnContext(marker -> fenceArrived(session));
            });
        }
    }

    private void fenceArrived(Session session) {
        if (session.owner() != Vertx.currentContext()) {
            session.owner().runOnContext(v -> fenceArrived(session));
            return;
        }
        for (Delivery held : session.fenceArrived()) {
            arrived(session, held.message(), held.qos(), true);
        }
    }

    /**
     * A routed message at the loop that owned its session when it was sent; it follows the session if it moved
     * since. While the session is being moved here, messages routed straight here wait for the fences.
     *
     * @param forwarded sent on by the session's previous owner, or released after the fences
     */
    private void arrived(Session session, Message message, QoS qos, boolean forwarded) {
        if (session.owner() != Vertx.currentContext()) {
            session.owner().runOnContext(v -> arrived(session, message, qos, true));
            return;
        }
        if (!forwarded && session.isHandingOver()) {
            session.hold(message, qos);
            return;
        }
        if (qos != QoS.AT_MOST_ONCE) {
            session.queue().arrived();
        }
        arrival.arrive(session, message, qos);
    }

    /**
     * Registers this loop before its first route reads any session's owner: a move that misses the registration
     * is then sure that this loop reads the new owner (both are volatile; one sees the other).
     */
    private Batches firstRouteHere() {
        Context here = Vertx.currentContext();
        if (here != null) {
            routingLoops.put(Thread.currentThread(), here);
        }
        return new Batches(here);
    }

    private record Routed(Session session, Message message, QoS qos) {
    }

    /** What one event loop thread routes, until its deliveries are handed over; owned by that thread. */
    public final class Batches {
        private final Context context;
        private final ArrayList<Routed> local = new ArrayList<>();
        private final Map<Context, List<Routed>> remote = new IdentityHashMap<>();
        private boolean flushScheduled;

        private Batches(Context context) {
            this.context = context;
        }

        /**
         * Queues one routed message for its session's owner. Those for this loop arrive at {@link #flush()}, after
         * the whole match; those for other loops at the end of this loop's turn.
         */
        public void add(Session session, Message message, QoS qos) {
            Context owner = session.owner();
            if (owner == context) {
                local.add(new Routed(session, message, qos));
                return;
            }
            remote.computeIfAbsent(owner, c -> new ArrayList<>()).add(new Routed(session, message, qos));
            if (!flushScheduled && context != null) {
                flushScheduled = true;
                context.runOnContext(v -> flushRemote());
            }
        }

        /** The end of one message's routing: the deliveries on this loop happen now. */
        public void flush() {
            for (int i = 0; i < local.size(); i++) {
                Routed r = local.get(i);
                arrived(r.session, r.message, r.qos, false);
            }
            local.clear();
            if (context == null) {
                flushRemote(); // not on a loop: nothing would run the end-of-turn flush
            }
        }

        private void flushRemote() {
            flushScheduled = false;
            if (remote.isEmpty()) {
                return;
            }
            for (Map.Entry<Context, List<Routed>> batch : remote.entrySet()) {
                List<Routed> routed = batch.getValue();
                batch.getKey().runOnContext(v -> {
                    for (int i = 0; i < routed.size(); i++) {
                        Routed r = routed.get(i);
                        arrived(r.session, r.message, r.qos, false);
                    }
                });
            }
            remote.clear();
        }
    }
}
