package io.opifex.bench;

import org.HdrHistogram.Histogram;

/**
 * End-to-end latency in microseconds, recorded into an HdrHistogram (3 significant digits, 1 µs to 1 hour).
 * Values beyond the range are clamped, never dropped, so the maximum still shows that something was slow.
 * Not thread-safe: one per event loop, merged with {@link #add} at the end.
 */
public final class Latency {

    public static final long HIGHEST_MICROS = 3_600_000_000L;
    private static final int SIGNIFICANT_DIGITS = 3;

    private final Histogram histogram = new Histogram(1, HIGHEST_MICROS, SIGNIFICANT_DIGITS);

    public void recordNanos(long nanos) {
        recordMicros(nanos / 1_000);
    }

    public void recordMicros(long micros) {
        histogram.recordValue(Math.max(1, Math.min(HIGHEST_MICROS, micros)));
    }

    public void add(Latency other) {
        histogram.add(other.histogram);
    }

    public long count() {
        return histogram.getTotalCount();
    }

    /** @param percentile 0 to 100; 0 when nothing was recorded */
    public long percentileMicros(double percentile) {
        return count() == 0 ? 0 : histogram.getValueAtPercentile(percentile);
    }

    public long maxMicros() {
        return count() == 0 ? 0 : histogram.getMaxValue();
    }

    public double meanMicros() {
        return count() == 0 ? 0 : histogram.getMean();
    }

    public void reset() {
        histogram.reset();
    }
}
