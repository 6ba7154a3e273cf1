package io.opifex.server.session;

import io.opifex.codec.packet.QoS;
import io.opifex.server.message.Message;
import io.opifex.server.metrics.BrokerMetrics;
import io.opifex.server.metrics.DropReason;
import io.vertx.core.Context;
import java.util.List;

/**
 * The state of one client id, made of parts with one job each: its {@link SubscriptionSet}, the
 * {@link InflightWindow} of unacknowledged deliveries, the {@link OutboundQueue} behind it, and the inbound QoS 2
 * ids awaiting release ({@link InboundQos2}). What it sends goes to a {@link SessionOutput}, the connection's
 * writer, as domain deliveries; the session never builds a packet.
 *
 * <p>Owned by one event loop at a time ({@link #owner()}); every method but {@link #owner()}, {@link #clientId()}
 * and the queue's flow-control counters runs there. Which loop that is, and moving it, is the business of
 * {@code SessionOwnership}.
 */
public final class Session {

    /** Where the session is in its life; the client's connection is attached only while ONLINE. */
    public enum State {
        /** No client attached, messages in memory: being claimed, or just left. */
        DETACHED,
        /** A client is attached and receives deliveries. */
        ONLINE,
        /** The client is away; its messages are in the session store, and so go deliveries meanwhile. */
        STORED,
        /** Ended; a later CONNECT for the client id starts a new session. */
        DISCARDED
    }

    private final String clientId;
    private final SessionLimits limits;
    private final BrokerMetrics metrics;
    private volatile Context owner;
    private State state = State.DETACHED;
    /** Clean session 0: the state outlives the connection [MQTT-3.1.2-4]. */
    private boolean persistent;
    private SessionOutput output;
    private final SubscriptionSet subscriptions = new SubscriptionSet();
    private final InflightWindow inflight;
    private final OutboundQueue queue;
    private final InboundQos2 inboundQos2 = new InboundQos2();
    /** Null unless the session is moving between loops. */
    private Handover handover;
    /** Null unless a CONNECT is being attached. */
    private ClaimQueue claims;

    public Session(String clientId, Context owner, SessionLimits limits, BrokerMetrics metrics) {
        this.clientId = clientId;
        this.owner = owner;
        this.limits = limits;
        this.metrics = metrics;
        this.inflight = new InflightWindow(limits.maxInflight());
        this.queue = new OutboundQueue(limits.congestedAt(), limits.drainedAt());
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

    public boolean isOnline() {
        return state == State.ONLINE;
    }

    public boolean isStored() {
        return state == State.STORED;
    }

    public boolean isDiscarded() {
        return state == State.DISCARDED;
    }

    public boolean isPersistent() {
        return persistent;
    }

    public SubscriptionSet subscriptions() {
        return subscriptions;
    }

    public InflightWindow inflight() {
        return inflight;
    }

    public OutboundQueue queue() {
        return queue;
    }

    public InboundQos2 inboundQos2() {
        return inboundQos2;
    }

    /** The attached client's writer, or null while no client is attached. */
    public SessionOutput output() {
        return output;
    }

    /** A client connected with this session; {@code cleanSession} decides whether it outlives the connection. */
    public void attach(SessionOutput output, boolean cleanSession) {
        this.output = output;
        this.persistent = !cleanSession;
        this.state = State.ONLINE;
    }

    /** The client's connection ended; the session stays until it is stored or discarded. */
    public void detach(SessionOutput leaving) {
        if (output == leaving) {
            output = null;
            state = State.DETACHED;
        }
    }

    /** Its messages went to the store (or it was read from the store at start-up): deliveries go there too. */
    public void stored() {
        persistent = true;
        state = State.STORED;
        queue.releaseAll();
    }

    /** The store's copy is being taken back or dropped: deliveries queue in memory again. */
    public void leaveStore() {
        if (state == State.STORED) {
            state = State.DETACHED;
        }
    }

    /** Marks the session gone; later takeovers start from the registry again. */
    public void discard() {
        state = State.DISCARDED;
        output = null;
        clearMessages();
    }

    /** Drops every message a clean session must not carry over [MQTT-3.1.2-6]; subscriptions are the caller's. */
    public void clearMessages() {
        metrics.inflightChanged(-inflight.size());
        metrics.queuedChanged(-queue.size(), -queue.payloadBytes());
        inflight.clear();
        queue.clear();
        inboundQos2.clear();
        queue.releaseAll();
    }

    /**
     * Takes one message for this client at the granted QoS. QoS 0 goes out now or not at all; QoS 1 and 2 go into
     * the in-flight window, behind whatever waits in the queue, so that the window and the order hold
     * [MQTT-4.6.0-6].
     *
     * @param retainFlag RETAIN as the client sees it: 1 only for retained messages sent on subscribe
     */
    public void offer(Message message, QoS qos, boolean retainFlag) {
        if (state == State.DISCARDED) {
            return;
        }
        if (qos == QoS.AT_MOST_ONCE) {
            if (output == null) {
                metrics.messageDropped(DropReason.OFFLINE_QOS0);
            } else if (!output.isWritable()) {
                metrics.messageDropped(DropReason.SLOW_CONSUMER);
            } else {
                output.publish(new Delivery(message, qos, retainFlag), 0);
            }
            return;
        }
        Delivery delivery = new Delivery(message, qos, retainFlag);
        if (output != null && queue.size() == 0 && inflight.hasRoom()) {
            send(delivery); // nothing waits ahead of it: straight into the window
            queue.releaseIfDrained();
            return;
        }
        if (queue.size() >= limits.maxQueued()) {
            metrics.messageDropped(DropReason.QUEUE_FULL);
            return;
        }
        queue.add(delivery);
        metrics.queuedChanged(1, message.payload().length);
        pump();
    }

    private void send(Delivery delivery) {
        int packetId = inflight.add(delivery);
        metrics.inflightChanged(1);
        output.publish(delivery, packetId);
    }

    /** Moves queued deliveries into the in-flight window while it has room and the client is attached. */
    public void pump() {
        while (output != null && inflight.hasRoom()) {
            Delivery next = queue.poll();
            if (next == null) {
                break;
            }
            metrics.queuedChanged(-1, -next.payloadBytes());
            send(next);
        }
        queue.releaseIfDrained();
    }

    /** Resends everything unacknowledged, in order, after a reconnect with session present [MQTT-4.4.0-1]. */
    public void resendInflight() {
        inflight.forEach((packetId, delivery) -> {
            if (delivery.released()) {
                output.release(packetId);
            } else {
                output.resend(delivery, packetId);
            }
        });
    }

    /** PUBACK: QoS 1 delivery complete [MQTT-4.3.2-1]. @return false if nothing was in flight under the id */
    public boolean acknowledged(int packetId) {
        return completedIf(inflight.acknowledged(packetId));
    }

    /** PUBREC: from now on only PUBREL is resent [MQTT-4.3.3-1]. @return false if nothing was in flight */
    public boolean received(int packetId) {
        return inflight.received(packetId);
    }

    /** PUBCOMP: QoS 2 delivery complete. @return false if no released delivery was in flight under the id */
    public boolean completed(int packetId) {
        return completedIf(inflight.completed(packetId));
    }

    private boolean completedIf(boolean removed) {
        if (removed) {
            metrics.inflightChanged(-1);
            pump();
        }
        return removed;
    }

    /** A delivery the store kept as in flight, back under its packet id, ahead of anything sent since. */
    public void restoreInflight(int packetId, Delivery delivery) {
        inflight.restore(packetId, delivery);
        metrics.inflightChanged(1);
    }

    /** Deliveries the store kept as queued, ahead of those that arrived while it was read [MQTT-4.6.0-1]. */
    public void restoreQueued(List<Delivery> deliveries) {
        metrics.queuedChanged(deliveries.size(), queue.addFirst(deliveries));
    }

    // ---- moving between event loops (driven by SessionOwnership)

    /** Runs on the old owner just before {@link #moveTo}; fences of an earlier, unfinished move still count. */
    void beginHandover(int fences) {
        if (handover == null) {
            handover = new Handover();
        }
        handover.begin(fences);
    }

    boolean isHandingOver() {
        return handover != null && handover.isUnderWay();
    }

    /** A message routed straight to the new owner before the old owner's stragglers were forwarded. */
    void hold(Message message, QoS qos) {
        handover.hold(message, qos);
    }

    /** One fence arrived. @return the held deliveries, oldest first, once the last one did */
    List<Delivery> fenceArrived() {
        if (handover == null) {
            return List.of();
        }
        List<Delivery> released = handover.fenceArrived();
        if (!handover.isUnderWay()) {
            handover = null;
        }
        return released;
    }

    // ---- CONNECTs for this client id, one at a time (driven by the session registry)

    public void beginAttach() {
        claims = new ClaimQueue();
    }

    public boolean isAttaching() {
        return claims != null;
    }

    /** Another CONNECT for this id came while one is being attached: it runs once that is done. */
    public void afterAttach(Runnable claim) {
        claims.add(claim);
    }

    /** @return the takeovers that waited for this attach, to run now, in order */
    public List<Runnable> endAttach() {
        List<Runnable> waiting = claims == null ? List.of() : claims.drain();
        claims = null;
        return waiting;
    }
}
