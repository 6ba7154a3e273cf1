package io.opifex.server.session;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * QoS 1 and 2 deliveries waiting for the session's in-flight window (or for its client to be attached), oldest
 * first, and the flow control on them: how many messages are on their way here from other loops, which other
 * loops read to decide whether a publisher must pause, and the paused publishers waiting for the queue to drain.
 *
 * <p>Owned by the session's event loop; only {@link #routedTo()} is called from other loops.
 */
public final class OutboundQueue {

    /** The backlog at which this session counts as congested and its QoS 1/2 publishers are paused. */
    private final int congestedAt;
    /** The backlog at or below which paused publishers go on: well below the mark that paused them. */
    private final int drainedAt;
    private final ArrayDeque<Delivery> waiting = new ArrayDeque<>(1); // grows when used; most clients never queue
    /** Routed on any loop and not yet taken in here: what the queue is about to hold. */
    private final AtomicInteger inTransit = new AtomicInteger();
    /** The queue's length for other loops' flow-control checks; written here only. */
    private volatile int length;
    /** Null unless a publisher waits for this queue to drain: almost always. */
    private List<DrainListener> drainListeners;
    private long payloadBytes;

    public OutboundQueue(int congestedAt, int drainedAt) {
        this.congestedAt = congestedAt;
        this.drainedAt = drainedAt;
    }

    /**
     * Called by the router, on any loop, for each QoS 1/2 message it sends this way.
     *
     * @return whether the backlog, this message included (queued here plus still on its way), reached the mark
     *     at which its publisher is to pause
     */
    public boolean routedTo() {
        return inTransit.incrementAndGet() + length >= congestedAt;
    }

    /** A routed message reached this session's loop (whatever happens to it next). */
    public void arrived() {
        inTransit.decrementAndGet();
    }

    /** Messages waiting for this client: queued plus on their way. */
    public int backlog() {
        return inTransit.get() + length;
    }

    public int size() {
        return waiting.size();
    }

    public long payloadBytes() {
        return payloadBytes;
    }

    void add(Delivery delivery) {
        waiting.add(delivery);
        payloadBytes += delivery.payloadBytes();
        length = waiting.size();
    }

    /**
     * Puts deliveries the store returned ahead of those that arrived meanwhile, keeping the order [MQTT-4.6.0-1].
     *
     * @return the payload bytes they add
     */
    long addFirst(List<Delivery> restored) {
        long added = 0;
        for (int i = restored.size() - 1; i >= 0; i--) {
            Delivery delivery = restored.get(i);
            waiting.addFirst(delivery);
            added += delivery.payloadBytes();
        }
        payloadBytes += added;
        length = waiting.size();
        return added;
    }

    Delivery poll() {
        Delivery next = waiting.poll();
        if (next != null) {
            payloadBytes -= next.payloadBytes();
            length = waiting.size();
        }
        return next;
    }

    /** Oldest first. */
    public void forEach(Consumer<Delivery> action) {
        waiting.forEach(action);
    }

    void clear() {
        waiting.clear();
        payloadBytes = 0;
        length = 0;
    }

    /** Tells {@code listener} once the backlog has drained: now, if it already has. */
    public void awaitDrain(DrainListener listener) {
        if (backlog() <= drainedAt) {
            listener.drained();
            return;
        }
        if (drainListeners == null) {
            drainListeners = new ArrayList<>(1);
        }
        drainListeners.add(listener);
    }

    /** Releases the waiting publishers if the backlog has come down far enough. */
    void releaseIfDrained() {
        if (drainListeners != null && backlog() <= drainedAt) {
            releaseAll();
        }
    }

    /** The session went away or offline: nobody would ever drain this queue here, so nobody waits for it. */
    void releaseAll() {
        if (drainListeners == null) {
            return;
        }
        List<DrainListener> released = drainListeners;
        drainListeners = null;
        released.forEach(DrainListener::drained);
    }
}
