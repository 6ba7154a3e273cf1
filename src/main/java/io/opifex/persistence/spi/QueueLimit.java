package io.opifex.persistence.spi;

import java.util.Objects;

/**
 * How many messages a session may have queued while offline, and what gives way when the queue is full. Passed
 * with each enqueue so the broker can apply per-client limits; the store only enforces it.
 */
public record QueueLimit(int maxMessages, Overflow overflow) {

    public enum Overflow {
        /** Evict the oldest queued messages to make room: the client gets the freshest data. */
        DROP_OLDEST,
        /** Refuse the message being enqueued: the client gets the earliest data without gaps. */
        DROP_NEWEST
    }

    public QueueLimit {
        Objects.requireNonNull(overflow, "overflow");
        if (maxMessages < 1) {
            throw new IllegalArgumentException("maxMessages must be at least 1, was " + maxMessages);
        }
    }
}
