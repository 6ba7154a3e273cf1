package io.opifex.persistence.memory;

import io.opifex.persistence.spi.EnqueueResult;
import io.opifex.persistence.spi.InflightMessage;
import io.opifex.persistence.spi.QueueLimit;
import io.opifex.persistence.spi.SessionState;
import io.opifex.persistence.spi.StoredMessage;
import io.opifex.persistence.spi.StoredSubscription;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * One session's mutable state. Not thread-safe by itself: {@link MemorySessionStore} calls it only while holding
 * its monitor, which also guards {@link #discarded}. Messages are held by reference, never copied.
 */
final class MemorySession {

    private final String clientId;
    /** Keyed by filter; insertion-ordered so a replaced filter keeps its place. */
    private final LinkedHashMap<String, StoredSubscription> subscriptions = new LinkedHashMap<>();
    /** Keyed by packet id; insertion-ordered because resends follow the original send order [MQTT-4.6.0-1]. */
    private final LinkedHashMap<Integer, InflightMessage> inflight = new LinkedHashMap<>();
    private final ArrayDeque<StoredMessage> queue = new ArrayDeque<>();
    private final LinkedHashSet<Integer> awaitingPubrel = new LinkedHashSet<>();
    /** Set when the session was deleted; an operation that locked it too late must look the client id up again. */
    boolean discarded;

    MemorySession(SessionState state) {
        this.clientId = state.clientId();
        replaceWith(state);
    }

    void replaceWith(SessionState state) {
        subscriptions.clear();
        state.subscriptions().forEach(this::putSubscription);
        inflight.clear();
        state.inflight().forEach(this::putInflight);
        queue.clear();
        queue.addAll(state.queued());
        awaitingPubrel.clear();
        awaitingPubrel.addAll(state.awaitingPubrel());
    }

    SessionState snapshot() {
        return new SessionState(clientId, new ArrayList<>(subscriptions.values()), new ArrayList<>(inflight.values()),
                new ArrayList<>(queue), awaitingPubrel);
    }

    void putSubscription(StoredSubscription subscription) {
        subscriptions.put(subscription.topicFilter(), subscription);
    }

    boolean removeSubscription(String topicFilter) {
        return subscriptions.remove(topicFilter) != null;
    }

    EnqueueResult enqueue(StoredMessage message, QueueLimit limit) {
        int evicted = 0;
        if (queue.size() >= limit.maxMessages()) {
            if (limit.overflow() == QueueLimit.Overflow.DROP_NEWEST) {
                return EnqueueResult.refused(queue.size());
            }
            // more than one when the limit was lowered since earlier messages were queued
            while (queue.size() >= limit.maxMessages()) {
                queue.poll();
                evicted++;
            }
        }
        queue.add(message);
        return EnqueueResult.queued(evicted, queue.size());
    }

    List<StoredMessage> pollQueued(int max) {
        List<StoredMessage> polled = new ArrayList<>(Math.min(max, queue.size()));
        while (polled.size() < max && !queue.isEmpty()) {
            polled.add(queue.poll());
        }
        return polled;
    }

    void putInflight(InflightMessage message) {
        inflight.put(message.packetId(), message); // replacing keeps the entry's position
    }

    boolean removeInflight(int packetId) {
        return inflight.remove(packetId) != null;
    }

    boolean addAwaitingPubrel(int packetId) {
        return awaitingPubrel.add(packetId);
    }

    boolean removeAwaitingPubrel(int packetId) {
        return awaitingPubrel.remove(packetId);
    }
}
