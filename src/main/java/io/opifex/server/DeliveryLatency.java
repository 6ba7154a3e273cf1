package io.opifex.server;

import io.opifex.server.message.Message;

/**
 * The delivery latency to record for a message written on this event loop: the first copy's, and no other. A
 * fan-out writes its copies on a loop one after another, microseconds apart, so the clock and the histogram cost
 * once per message and loop, not once per subscriber.
 */
final class DeliveryLatency {

    private static final long NOT_TIMED = -1;

    /**
     * Per event loop thread: the message whose latency was last recorded there, as its receipt time and identity
     * hash (a reference would keep its payload alive).
     */
    private final ThreadLocal<long[]> lastTimed = ThreadLocal.withInitial(() -> new long[] {NOT_TIMED, 0});

    /** @return nanoseconds from receipt to now for the message's first copy on this loop, else -1 */
    long ofFirstCopyHere(Message message) {
        long[] last = lastTimed.get();
        int identity = System.identityHashCode(message);
        if (last[0] == message.receivedNanos() && last[1] == identity) {
            return NOT_TIMED;
        }
        last[0] = message.receivedNanos();
        last[1] = identity;
        return System.nanoTime() - message.receivedNanos();
    }
}
