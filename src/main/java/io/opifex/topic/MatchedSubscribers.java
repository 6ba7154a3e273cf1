package io.opifex.topic;

import io.opifex.codec.packet.QoS;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * The distinct subscribers one publish goes to, each with the maximum QoS of its matching subscriptions
 * [MQTT-3.3.5-1]. Owned by one thread and reused across publishes (see {@link TopicTree#matchDistinct}), so the
 * hot path does not build a new map per message. Not thread-safe.
 *
 * <p>An open-addressing table (linear probing, at most half full) rather than a {@code HashMap}: adding a
 * subscriber stores into arrays instead of allocating an entry, and the slots in use are listed so that
 * {@link #clear} and {@link #forEach} cost the number of subscribers, not the capacity a past large fan-out left.
 * Subscribers are compared with {@code equals}/{@code hashCode}; {@link #forEach} visits them in the order they
 * were first added.
 */
public final class MatchedSubscribers<S> implements BiConsumer<S, QoS> {

    private static final int INITIAL_CAPACITY = 16; // a power of two, so a hash is reduced to a slot by masking

    /** Slot i holds subscribers[i] at qos[i]; a null subscriber marks a free slot. */
    private Object[] subscribers = new Object[INITIAL_CAPACITY];
    private QoS[] qos = new QoS[INITIAL_CAPACITY];
    /** The first {@code size} entries are the occupied slots, in insertion order. */
    private int[] occupied = new int[INITIAL_CAPACITY / 2];
    private int size;

    /** Adds {@code subscriber} at {@code qos}, or raises its QoS to {@code qos} if it is already here. */
    @Override
    public void accept(S subscriber, QoS qos) {
        Objects.requireNonNull(subscriber, "subscriber");
        Objects.requireNonNull(qos, "qos");
        int slot = slotOf(subscriber);
        if (subscribers[slot] != null) {
            this.qos[slot] = QoS.max(this.qos[slot], qos);
            return;
        }
        subscribers[slot] = subscriber;
        this.qos[slot] = qos;
        occupied[size++] = slot;
        if (size == occupied.length) {
            grow();
        }
    }

    /** @return the subscriber's maximum matching QoS, or null if it did not match */
    public QoS qosOf(S subscriber) {
        if (subscriber == null) {
            return null;
        }
        int slot = slotOf(subscriber);
        return subscribers[slot] == null ? null : qos[slot];
    }

    @SuppressWarnings("unchecked")
    public void forEach(BiConsumer<? super S, ? super QoS> action) {
        for (int i = 0; i < size; i++) {
            int slot = occupied[i];
            action.accept((S) subscribers[slot], qos[slot]);
        }
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** Frees only the occupied slots; also drops the references, so no session is kept alive by a stale match. */
    public void clear() {
        for (int i = 0; i < size; i++) {
            int slot = occupied[i];
            subscribers[slot] = null;
            qos[slot] = null;
        }
        size = 0;
    }

    /** The slot holding {@code subscriber}, or the free slot where it belongs. The table always has a free slot. */
    private int slotOf(Object subscriber) {
        int mask = subscribers.length - 1;
        int h = subscriber.hashCode();
        int slot = (h ^ (h >>> 16)) & mask; // as HashMap: let the high bits count in a small table
        while (subscribers[slot] != null && !subscribers[slot].equals(subscriber)) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    /** Doubles the table, re-inserting in insertion order, so that it stays at most half full. */
    private void grow() {
        Object[] oldSubscribers = subscribers;
        QoS[] oldQos = qos;
        int[] oldOccupied = occupied;
        int count = size;
        subscribers = new Object[oldSubscribers.length * 2];
        qos = new QoS[subscribers.length];
        occupied = new int[subscribers.length / 2];
        for (int i = 0; i < count; i++) {
            int oldSlot = oldOccupied[i];
            int slot = slotOf(oldSubscribers[oldSlot]);
            subscribers[slot] = oldSubscribers[oldSlot];
            qos[slot] = oldQos[oldSlot];
            occupied[i] = slot;
        }
    }
}
