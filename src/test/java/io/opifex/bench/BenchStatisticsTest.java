package io.opifex.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opifex.bench.SequenceTracker.Outcome;
import org.junit.jupiter.api.Test;

class BenchStatisticsTest {

    @Test
    void inOrderSequenceHasNoLossDuplicateOrReordering() {
        SequenceTracker tracker = new SequenceTracker();
        for (long s = 0; s < 100_000; s++) {
            assertThat(tracker.record(s)).isEqualTo(Outcome.IN_ORDER);
        }
        assertThat(tracker.unique()).isEqualTo(100_000);
        assertThat(tracker.lost(100_000)).isZero();
        assertThat(tracker.duplicates()).isZero();
        assertThat(tracker.outOfOrder()).isZero();
    }

    @Test
    void gapsCountAsLostUntilFilledLate() {
        SequenceTracker tracker = new SequenceTracker();
        tracker.record(0);
        assertThat(tracker.record(3)).isEqualTo(Outcome.AHEAD); // 1 and 2 missing
        assertThat(tracker.lost(4)).isEqualTo(2);
        assertThat(tracker.record(2)).isEqualTo(Outcome.OUT_OF_ORDER);
        assertThat(tracker.lost(4)).isEqualTo(1);
        assertThat(tracker.outOfOrder()).isEqualTo(1);
        assertThat(tracker.lost(10)).as("6 more sent, none received").isEqualTo(7);
    }

    @Test
    void secondCopiesAreDuplicatesWhetherInOrderOrNot() {
        SequenceTracker tracker = new SequenceTracker();
        tracker.record(0);
        tracker.record(1);
        assertThat(tracker.record(1)).isEqualTo(Outcome.DUPLICATE);
        tracker.record(5);
        tracker.record(3);
        assertThat(tracker.record(3)).isEqualTo(Outcome.DUPLICATE);
        assertThat(tracker.record(0)).isEqualTo(Outcome.DUPLICATE);
        assertThat(tracker.duplicates()).isEqualTo(3);
        assertThat(tracker.unique()).isEqualTo(4);
        assertThat(tracker.lost(6)).isEqualTo(2); // 2 and 4
    }

    @Test
    void bitsReusedAcrossTheWindowDoNotLookLikeDuplicates() {
        SequenceTracker tracker = new SequenceTracker();
        tracker.record(0);
        tracker.record(1);
        // 1 + WINDOW maps onto the bit of 1; jumping past it must clear what is in between
        assertThat(tracker.record(2 + SequenceTracker.WINDOW)).isEqualTo(Outcome.AHEAD);
        assertThat(tracker.record(1 + SequenceTracker.WINDOW)).isEqualTo(Outcome.OUT_OF_ORDER);
        assertThat(tracker.record(3 * SequenceTracker.WINDOW)).isEqualTo(Outcome.AHEAD); // jump of more than a window
        assertThat(tracker.record(3 * SequenceTracker.WINDOW - 1)).isEqualTo(Outcome.OUT_OF_ORDER);
        assertThat(tracker.duplicates()).isZero();
    }

    @Test
    void numbersOlderThanTheWindowAreNeitherUniqueNorDuplicates() {
        SequenceTracker tracker = new SequenceTracker();
        tracker.record(0);
        tracker.record(SequenceTracker.WINDOW + 10);
        assertThat(tracker.record(5)).isEqualTo(Outcome.TOO_OLD);
        assertThat(tracker.tooOld()).isEqualTo(1);
        assertThat(tracker.unique()).isEqualTo(2);
        assertThatThrownBy(() -> tracker.record(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void latencyPercentilesComeFromTheHistogram() {
        Latency latency = new Latency();
        assertThat(latency.percentileMicros(99)).isZero();
        for (int micros = 1; micros <= 1000; micros++) {
            latency.recordMicros(micros);
        }
        assertThat(latency.count()).isEqualTo(1000);
        assertThat(latency.percentileMicros(50)).isEqualTo(500);
        assertThat(latency.percentileMicros(99)).isEqualTo(990);
        assertThat(latency.percentileMicros(99.9)).isEqualTo(999);
        assertThat(latency.maxMicros()).isEqualTo(1000);

        Latency other = new Latency();
        other.recordNanos(2_000_000_000L); // 2 s, kept at 3 significant digits
        other.recordMicros(Long.MAX_VALUE); // clamped, not dropped
        latency.add(other);
        assertThat(latency.count()).isEqualTo(1002);
        assertThat(latency.maxMicros()).isGreaterThanOrEqualTo(Latency.HIGHEST_MICROS);
        assertThat(latency.percentileMicros(99.9)).isBetween(1_998_000L, 2_002_000L);
    }

    @Test
    void procStatParsingToleratesSpacesAndParenthesesInTheCommandName() {
        String stat = "4242 (my (odd) cmd) S 1 4242 4242 0 -1 4194560 1000 0 0 0 250 150 0 0 20 0 30 0 100";
        assertThat(ProcStats.parseCpuSeconds(stat)).isEqualTo(4.0);
        assertThat(ProcStats.parseRssKb("Name:\tjava\nVmPeak:\t  9 kB\nVmRSS:\t  123456 kB\n")).isEqualTo(123456);
        assertThat(ProcStats.of(0)).isEqualTo(ProcStats.UNKNOWN);
    }

    @Test
    void sourceAddressesStayOnLoopback() {
        assertThat(BenchConfig.loopbackAddresses(3, "127.0.0.253")).containsExactly("127.0.0.253", "127.0.0.254",
                "127.0.1.1");
        assertThatThrownBy(() -> BenchConfig.loopbackAddresses(1, "10.0.0.1"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
