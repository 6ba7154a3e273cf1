package io.opifex.testing;

import io.opifex.connection.Ticker;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link Ticker} that stands still until the test moves it, so a keep-alive or CONNECT timeout expires exactly
 * when the test says and never while it waits. Counts its reads: a broker's connection clock reads it once per
 * check, so a test that knows nothing else reads it can tell that a check has happened since it moved the time.
 */
public final class ManualTicker implements Ticker {

    private final AtomicLong now = new AtomicLong();
    private final AtomicLong reads = new AtomicLong();

    @Override
    public long nanoTime() {
        // counted before the time is read: a read counted after advance() returned sees the advanced time
        reads.incrementAndGet();
        return now.get();
    }

    /** Moves the time forward by {@code by}. */
    public void advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("time only moves forward: " + by);
        }
        now.addAndGet(by.toNanos());
    }

    /** How many times the time has been read so far. */
    public long reads() {
        return reads.get();
    }
}
