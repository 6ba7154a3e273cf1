package io.opifex.server.session;

import io.opifex.codec.packet.Publish;
import io.opifex.codec.packet.Pubrel;
import io.opifex.codec.packet.QoS;
import io.opifex.connection.Connection;
import io.opifex.server.DropReason;
import io.opifex.server.Message;
import io.opifex.persistence.spi.QoSLevel;
import io.opifex.persistence.spi.InflightMessage;
import io.opifex.persistence.spi.SessionState;
import io.opifex.persistence.spi.StoredMessage;
import io.opifex.persistence.spi.StoredSubscription;
import io.vertx.core.Context;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The state of one client id: subscriptions, outbound messages in flight and queued, inbound QoS 2 ids.
 * Owned by one event loop at a time ({@link #owner()}); every method but {@link #owner()} and {@link #clientId()}
 * runs there. Ownership moves, by message, when the client reconnects on another loop.
 */
public final class Session {

    private final String clientId;
    private final SessionEvents events;
    private volatile Context owner;

    private Connection connection;
    private boolean persistent;
    private boolean discarded;
    /** Offline with its messages in the session store: deliveries go there, not to memory. */
    private boolean stored;
    /** Messages routed to this session on any loop and not yet taken in here: what the queue is about to hold. */
    private final AtomicInteger inTransit = new AtomicInteger();
    /** The queue's length for other loops' flow-control checks; written here only. */
    private volatile int queuedCount;
    /** Handover fences still to arrive; while any are out, messages routed straight here wait in {@link #held}. */
    private int fencesPending;
    /** Null unless a handover is holding messages: most sessions never need it. */
    private List<Held> held;
    /** A CONNECT is being attached (maybe waiting for the store); further takeovers wait until it is done. */
    private boolean attaching;
    /** Null unless a takeover waits: most sessions never need it. */
    private List<Runnable> waitingClaims;
    private final Map<String, QoS> subscriptions = new HashMap<>();
    private final LinkedHashMap<Integer, Outbound> inflight = new LinkedHashMap<>();
    private final ArrayDeque<Outbound> queue = new ArrayDeque<>(1); // grows when used; most idle clients never do
    private final Set<Integer> inboundQos2 = new HashSet<>();
    private final PacketIdAllocator packetIds = new PacketIdAllocator();

    public Session(String clientId, Context owner, SessionEvents events) {
        this.clientId = clientId;
        this.owner = owner;
        this.events = events;
    }

    public String clientId() {
        return clientId;
    }

    public Context owner() {
        return owner;
    }

    /** Hands the session to another event loop; the caller then continues there. */
    public void moveTo(Context newOwner) {
        this.owner = newOwner;
    }

    public Connection connection() {
        return connection;
    }

    public boolean isOnline() {
        return connection != null;
    }

    /** Clean session 0: the state outlives the connection [MQTT-3.1.2-4]. */
    public boolean isPersistent() {
        return persistent;
    }

    public boolean isDiscarded() {
        return discarded;
    }

    public boolean isStored() {
        return stored;
    }

    /**
     * Hands the messages to the store: returns what was in flight, queued and awaiting PUBREL, and forgets it here.
     * Subscriptions stay, so routing still finds the session.
     */
    public SessionState moveToStore(MessageIds ids) {
        List<InflightMessage> inflightState = new ArrayList<>(inflight.size());
        for (Map.Entry<Integer, Outbound> entry : inflight.entrySet()) {
            Outbound out = entry.getValue();
            InflightMessage sent = InflightMessage.sent(entry.getKey(), out.toStored(ids.next()));
            inflightState.add(out.released ? sent.released() : sent);
        }
        List<StoredMessage> queuedState = new ArrayList<>(queue.size());
        for (Outbound out : queue) {
            queuedState.add(out.toStored(ids.next()));
        }
        List<StoredSubscription> subscriptionState = new ArrayList<>(subscriptions.size());
        subscriptions.forEach((filter, qos) -> subscriptionState.add(new StoredSubscription(filter, QoSLevel.of(qos.value()))));
        SessionState state = new SessionState(clientId, subscriptionState, inflightState, queuedState,
                new HashSet<>(inboundQos2));
        clearMessages();
        stored = true;
        return state;
    }

    /**
     * Takes back what the store kept, ahead of anything that arrived while it was being read, so the order holds
     * [MQTT-4.6.0-1]. Subscriptions are already here; the store's are only for restoring after a restart.
     */
    public void restoreFromStore(SessionState state) {
        long now = System.nanoTime();
        for (InflightMessage message : state.inflight()) {
            Outbound out = Outbound.fromStored(message.message(), now);
            out.released = message.phase() == InflightMessage.Phase.AWAITING_PUBCOMP;
            inflight.put(message.packetId(), out);
        }
        ArrayDeque<Outbound> arrivedMeanwhile = new ArrayDeque<>(queue);
        queue.clear();
        for (StoredMessage message : state.queued()) {
            queue.add(Outbound.fromStored(message, now));
        }
        queue.addAll(arrivedMeanwhile);
        queuedCount = queue.size();
        inboundQos2.addAll(state.awaitingPubrel());
        events.inflightChanged(state.inflight().size());
        events.queuedChanged(state.queued().size(), payloadBytes(state.queued()));
    }

    /** Payload bytes of stored messages, for the queued-bytes gauge. */
    public static long payloadBytes(Iterable<StoredMessage> messages) {
        long bytes = 0;
        for (StoredMessage message : messages) {
            bytes += message.payload().length;
        }
        return bytes;
    }

    /** Payload bytes of stored in-flight messages. */
    public static long inflightBytes(Iterable<InflightMessage> messages) {
        long bytes = 0;
        for (InflightMessage message : messages) {
            bytes += message.message().payload().length;
        }
        return bytes;
    }

    /** A session read from the store at start-up: offline, persistent, its messages still in the store. */
    public void restoredAtStartup(SessionState state) {
        persistent = true;
        stored = true;
        for (StoredSubscription subscription : state.subscriptions()) {
            subscriptions.put(subscription.topicFilter(), QoS.of(subscription.qos().value()));
        }
    }

    /** Clears the stored flag when the store's copy is dropped (clean session 1 takes the id over). */
    public void leaveStore() {
        stored = false;
    }

    public Map<String, QoS> subscriptions() {
        return subscriptions;
    }

    public void attach(Connection newConnection, boolean cleanSession) {
        this.connection = newConnection;
        this.persistent = !cleanSession;
    }

    public void detach() {
        connection = null;
    }

    /** Marks the session gone; later takeovers start from the registry again. */
    public void discard() {
        discarded = true;
        clearMessages();
    }

    /** Drops everything a clean session must not carry over [MQTT-3.1.2-6]; the caller unsubscribes the filters. */
    public void clearMessages() {
        events.inflightChanged(-inflight.size());
        long queuedBytes = 0;
        for (Outbound out : queue) {
            queuedBytes += out.message.payload().length;
        }
        events.queuedChanged(-queue.size(), -queuedBytes);
        inflight.clear();
        queue.clear();
        queuedCount = 0;
        inboundQos2.clear();
    }

    /**
     * Takes one message for this client at the granted QoS. QoS 0 goes out now or not at all; QoS 1 and 2 go
     * through the queue so that the in-flight window and the order hold [MQTT-4.6.0-6].
     *
     * @param retainFlag RETAIN as the client sees it: 1 only for retained messages sent on subscribe
     */
    public void deliver(Message message, QoS qos, boolean retainFlag, int maxInflight, int maxQueued) {
        if (discarded) {
            return;
        }
        if (qos == QoS.AT_MOST_ONCE) {
            if (connection == null) {
                events.dropped(DropReason.OFFLINE_QOS0);
            } else if (!connection.isWritable()) {
                events.dropped(DropReason.SLOW_CONSUMER);
            } else {
                connection.send(new Publish(message.topic(), qos, retainFlag, false, 0, message.payload()));
                events.sent(message, qos, retainFlag);
            }
            return;
        }
        if (queue.size() >= maxQueued) {
            events.dropped(DropReason.QUEUE_FULL);
            return;
        }
        queue.add(new Outbound(message, qos, retainFlag));
        queuedCount = queue.size();
        events.queuedChanged(1, message.payload().length);
        pump(maxInflight);
    }

    /** Moves queued messages into the in-flight window while it has room and the client is online. */
    public void pump(int maxInflight) {
        while (connection != null && inflight.size() < maxInflight && !queue.isEmpty()) {
            Outbound next = queue.poll();
            int packetId = packetIds.next(inflight);
            inflight.put(packetId, next);
            events.queuedChanged(-1, -next.message.payload().length);
            events.inflightChanged(1);
            Message m = next.message;
            connection.send(new Publish(m.topic(), next.qos, next.retainFlag, false, packetId, m.payload()));
            events.sent(m, next.qos, next.retainFlag);
        }
        queuedCount = queue.size();
    }

    /**
     * Called by the router, on any loop, for each QoS 1/2 message it sends this way.
     *
     * @return the backlog including this message: queued here plus still on its way
     */
    public int routedTo() {
        return inTransit.incrementAndGet() + queuedCount;
    }

    /** The routed message reached this session's loop (whatever happens to it next). */
    public void arrived() {
        inTransit.decrementAndGet();
    }

    public void beginAttach() {
        attaching = true;
    }

    public boolean isAttaching() {
        return attaching;
    }

    public void afterAttach(Runnable claim) {
        if (waitingClaims == null) {
            waitingClaims = new ArrayList<>(1);
        }
        waitingClaims.add(claim);
    }

    /** @return the takeovers that waited for this attach, to run now */
    public List<Runnable> endAttach() {
        attaching = false;
        List<Runnable> waiting = waitingClaims == null ? List.of() : waitingClaims;
        waitingClaims = null;
        return waiting;
    }

    /** Runs on the old owner just before {@link #moveTo}; fences of an earlier, unfinished handover still count. */
    public void beginHandover(int fences) {
        fencesPending += fences;
    }

    public boolean isHandingOver() {
        return fencesPending > 0;
    }

    /** A message routed straight to the new owner before the old owner's stragglers were forwarded. */
    public void hold(Message message, QoS qos) {
        if (held == null) {
            held = new ArrayList<>();
        }
        held.add(new Held(message, qos));
    }

    /** One fence arrived; the last one releases the held messages, oldest first. */
    public List<Held> handoverArrived() {
        if (fencesPending > 0 && --fencesPending == 0 && held != null) {
            List<Held> released = held;
            held = null;
            return released;
        }
        return List.of();
    }

    /** A routed message waiting for a handover to finish. */
    public record Held(Message message, QoS qos) {
    }

    /** Messages waiting for this client: queued plus on their way. Any thread; a moment's estimate. */
    public int backlog() {
        return inTransit.get() + queuedCount;
    }

    /** Resends everything unacknowledged, in order, after a reconnect with session present [MQTT-4.4.0-1]. */
    public void resendInflight() {
        for (Map.Entry<Integer, Outbound> entry : inflight.entrySet()) {
            Outbound out = entry.getValue();
            if (out.released) {
                connection.send(new Pubrel(entry.getKey()));
            } else {
                Message m = out.message;
                connection.send(new Publish(m.topic(), out.qos, out.retainFlag, true, entry.getKey(), m.payload()));
            }
        }
    }

    /** PUBACK: QoS 1 delivery complete [MQTT-4.3.2-1]. */
    public boolean acknowledge(int packetId, int maxInflight) {
        Outbound out = inflight.get(packetId);
        if (out == null || out.qos != QoS.AT_LEAST_ONCE) {
            return false;
        }
        complete(packetId, maxInflight);
        return true;
    }

    /** PUBREC: the client has the QoS 2 message; from now on only PUBREL is resent [MQTT-4.3.3-1]. */
    public boolean received(int packetId) {
        Outbound out = inflight.get(packetId);
        if (out == null || out.qos != QoS.EXACTLY_ONCE) {
            return false;
        }
        out.released = true;
        return true;
    }

    /** PUBCOMP: QoS 2 delivery complete. */
    public boolean completed(int packetId, int maxInflight) {
        Outbound out = inflight.get(packetId);
        if (out == null || !out.released) {
            return false;
        }
        complete(packetId, maxInflight);
        return true;
    }

    private void complete(int packetId, int maxInflight) {
        inflight.remove(packetId);
        events.inflightChanged(-1);
        pump(maxInflight);
    }

    /** @return true the first time a QoS 2 packet id is seen, false for a resend before PUBREL [MQTT-4.3.3-2] */
    public boolean firstInboundQos2(int packetId) {
        return inboundQos2.add(packetId);
    }

    /** PUBREL: the client will not resend this QoS 2 packet id. */
    public void releaseInboundQos2(int packetId) {
        inboundQos2.remove(packetId);
    }




    /** One outbound message at its granted QoS. */
    public static final class Outbound {
        final Message message;
        final QoS qos;
        final boolean retainFlag;
        boolean released;

        Outbound(Message message, QoS qos, boolean retainFlag) {
            this.message = message;
            this.qos = qos;
            this.retainFlag = retainFlag;
        }

        StoredMessage toStored(long messageId) {
            return new StoredMessage(messageId, message.topic(), message.payload(), QoSLevel.of(qos.value()), retainFlag,
                    System.currentTimeMillis());
        }

        static Outbound fromStored(StoredMessage stored, long nowNanos) {
            return new Outbound(new Message(stored.topic(), stored.payload(), QoS.of(stored.qos().value()), stored.retain(),
                    nowNanos), QoS.of(stored.qos().value()), stored.retain());
        }

        public Message message() {
            return message;
        }

        public QoS qos() {
            return qos;
        }

        public boolean released() {
            return released;
        }
    }
}
