package io.opifex.server.session;

/**
 * How much one session may hold.
 *
 * @param maxInflight outbound QoS 1/2 messages awaiting acknowledgement
 * @param maxQueued   messages queued behind the in-flight window or while the client is away
 */
public record SessionLimits(int maxInflight, int maxQueued) {

    public SessionLimits {
        if (maxInflight < 1 || maxQueued < 1) {
            throw new IllegalArgumentException("maxInflight and maxQueued must be at least 1");
        }
    }

    /**
     * The backlog at which a session counts as congested and its QoS 1/2 publishers are paused: half the queue
     * limit, early enough that the pause usually prevents drops.
     */
    public int congestedAt() {
        return Math.max(1, maxQueued / 2);
    }

    /** The backlog at which paused publishers go on: half the congestion mark, so they do not flap. */
    public int drainedAt() {
        return congestedAt() / 2;
    }
}
