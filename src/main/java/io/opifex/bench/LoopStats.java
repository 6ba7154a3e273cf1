package io.opifex.bench;

/**
 * Counters and latency of the connections on one event loop. Written only by that loop's thread; read by others
 * only through {@link #snapshot()} run on the loop (see {@link BenchRunner}), so plain fields suffice.
 */
final class LoopStats {

    /** Phase boundaries, System.nanoTime; Long.MAX_VALUE until set. Written by the main thread. */
    static final class Window {
        volatile long measureStart = Long.MAX_VALUE;
        volatile long measureEnd = Long.MAX_VALUE;
    }

    final Latency latency = new Latency();
    final Window window;
    long sent;
    long sentInWindow;
    long delivered;
    long deliveredInWindow;
    long duplicates;
    long outOfOrder;
    long tooOld;
    long errors;
    long unexpectedCloses;

    LoopStats(Window window) {
        this.window = window;
    }

    void recordDelivery(long sentNanos, long receivedNanos, SequenceTracker.Outcome outcome) {
        switch (outcome) {
            case DUPLICATE -> duplicates++;
            case TOO_OLD -> tooOld++;
            case OUT_OF_ORDER -> {
                outOfOrder++;
                countUnique(sentNanos, receivedNanos);
            }
            default -> countUnique(sentNanos, receivedNanos);
        }
    }

    private void countUnique(long sentNanos, long receivedNanos) {
        delivered++;
        long start = window.measureStart;
        if (receivedNanos >= start && receivedNanos < window.measureEnd) {
            deliveredInWindow++;
        }
        if (sentNanos >= start && sentNanos < window.measureEnd) {
            latency.recordNanos(receivedNanos - sentNanos); // messages sent in the window, however late they arrive
        }
    }

    void recordSent(long nanos) {
        sent++;
        if (nanos >= window.measureStart && nanos < window.measureEnd) {
            sentInWindow++;
        }
    }

    /** Counters only (no histogram), for progress. */
    long[] snapshot() {
        return new long[] {sent, delivered, duplicates, outOfOrder, errors, unexpectedCloses};
    }
}
