package io.opifex.bench;

import java.util.Arrays;

/**
 * Classifies the sequence numbers one subscriber receives from one publisher: in order, ahead of a gap, out of
 * order (a gap being filled late), duplicate. Lost messages are those sent but never counted as {@link #unique()};
 * they are computed at the end ({@link #lost(long)}), once the publisher's sent count is known.
 *
 * <p>A bitmap remembers the last {@value #WINDOW} sequence numbers up to the highest one seen. An older number
 * cannot be told apart (late first copy or duplicate): it is counted as {@link #tooOld()} and not as unique, so it
 * shows as lost rather than passing unnoticed. Single-threaded: one per (publisher, subscriber) pair, used on the
 * subscriber's event loop. Sequence numbers start at 0.
 */
public final class SequenceTracker {

    /** Sequence numbers remembered up to the highest seen; a multiple of 64. */
    public static final int WINDOW = 1 << 14;
    private static final int MASK = WINDOW - 1;

    /** Outcome of {@link #record(long)}. */
    public enum Outcome {
        /** The next number after the highest seen. */
        IN_ORDER,
        /** A new highest number, skipping some not (yet) seen. */
        AHEAD,
        /** A number below the highest, not seen before: arrived late, after a later one. */
        OUT_OF_ORDER,
        /** Seen before. */
        DUPLICATE,
        /** Older than the window: not classified. */
        TOO_OLD
    }

    private final long[] seen = new long[WINDOW / Long.SIZE];
    private long highest = -1;
    private long unique;
    private long duplicates;
    private long outOfOrder;
    private long tooOld;

    public Outcome record(long sequence) {
        if (sequence < 0) {
            throw new IllegalArgumentException("negative sequence number " + sequence);
        }
        if (sequence > highest) {
            long skipped = sequence - highest - 1;
            if (skipped >= WINDOW) {
                Arrays.fill(seen, 0L);
            } else {
                for (long s = highest + 1; s < sequence; s++) {
                    clear(s); // a bit left from WINDOW numbers ago: these are not seen (yet)
                }
            }
            set(sequence);
            highest = sequence;
            unique++;
            return skipped == 0 ? Outcome.IN_ORDER : Outcome.AHEAD;
        }
        if (highest - sequence >= WINDOW) {
            tooOld++;
            return Outcome.TOO_OLD;
        }
        if (isSet(sequence)) {
            duplicates++;
            return Outcome.DUPLICATE;
        }
        set(sequence);
        unique++;
        outOfOrder++;
        return Outcome.OUT_OF_ORDER;
    }

    /** Distinct sequence numbers received (first copies), in or out of order. */
    public long unique() {
        return unique;
    }

    public long duplicates() {
        return duplicates;
    }

    public long outOfOrder() {
        return outOfOrder;
    }

    public long tooOld() {
        return tooOld;
    }

    /** The highest sequence number received, -1 before any. */
    public long highest() {
        return highest;
    }

    /** @param sent how many the publisher sent (numbers 0 to sent - 1) */
    public long lost(long sent) {
        return Math.max(0, sent - unique);
    }

    private void set(long sequence) {
        int bit = (int) (sequence & MASK);
        seen[bit >>> 6] |= 1L << bit;
    }

    private void clear(long sequence) {
        int bit = (int) (sequence & MASK);
        seen[bit >>> 6] &= ~(1L << bit);
    }

    private boolean isSet(long sequence) {
        int bit = (int) (sequence & MASK);
        return (seen[bit >>> 6] & (1L << bit)) != 0;
    }
}
