package io.opifex.persistence.spi;

import java.util.Objects;

/**
 * What an enqueue did, so a full queue is never silent: the broker logs or counts {@code dropped}.
 *
 * @param dropped messages discarded by this call: evicted old ones under {@link QueueLimit.Overflow#DROP_OLDEST},
 *     or the offered one (1) under {@link QueueLimit.Overflow#DROP_NEWEST}
 * @param queueLength the session's queue length after the call
 */
public record EnqueueResult(Outcome outcome, int dropped, int queueLength) {

    public enum Outcome {
        /** The message is queued (possibly after evicting older ones). */
        QUEUED,
        /** The queue was full and the message was refused. */
        REFUSED_QUEUE_FULL,
        /** There is no session for the client id; nothing was created. */
        NO_SESSION
    }

    public EnqueueResult {
        Objects.requireNonNull(outcome, "outcome");
    }

    public static EnqueueResult queued(int evicted, int queueLength) {
        return new EnqueueResult(Outcome.QUEUED, evicted, queueLength);
    }

    public static EnqueueResult refused(int queueLength) {
        return new EnqueueResult(Outcome.REFUSED_QUEUE_FULL, 1, queueLength);
    }

    public static EnqueueResult noSession() {
        return new EnqueueResult(Outcome.NO_SESSION, 0, 0);
    }

    public boolean isQueued() {
        return outcome == Outcome.QUEUED;
    }
}
