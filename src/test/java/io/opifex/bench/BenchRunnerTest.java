package io.opifex.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.opifex.codec.packet.QoS;
import io.opifex.testing.BrokerExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The load generator against a real broker on loopback, small and short: what {@code bench/compare.sh} reads from
 * its result line must be there and add up. No timing is asserted, only counts.
 */
class BenchRunnerTest {

    @RegisterExtension
    final BrokerExtension broker = BrokerExtension.create().perTest();
    private final ByteArrayOutputStream progress = new ByteArrayOutputStream();

    @Test
    @DisplayName("idle: every connection is made, held, and made again after the first ones left")
    void idleConnectsHoldsAndReconnects() throws Exception {
        BenchConfig config = config(Layout.IDLE, QoS.AT_MOST_ONCE, 0, 0, 40, 0.5);

        BenchResult result = run(config);

        assertThat(result.get("connected")).isEqualTo(40);
        assertThat(result.get("failed")).isEqualTo(0);
        assertThat(result.get("closed")).isEqualTo(0L);
        assertThat(result.get("reconnected")).isEqualTo(40);
        assertThat((Long) result.get("connects_per_s")).isPositive();
        assertThat((Long) result.get("reconnects_per_s")).isPositive();
    }

    @Test
    @DisplayName("QoS 1 pairs: messages are counted sent and delivered, none lost, duplicated or out of order")
    void qos1PairsLoseNothing() throws Exception {
        BenchConfig config = config(Layout.PAIRS, QoS.AT_LEAST_ONCE, 3, 3, 0, 1.0);

        BenchResult result = run(config);

        assertThat(result.get("status")).isNull(); // set by the command, not the runner
        assertThat((Long) result.get("sent")).isPositive();
        assertThat(result.get("lost")).isEqualTo(0L);
        assertThat(result.get("dup")).isEqualTo(0L);
        assertThat(result.get("ooo")).isEqualTo(0L);
        assertThat((Double) result.get("delivered_per_s")).isPositive();
    }

    private BenchResult run(BenchConfig config) throws InterruptedException {
        try (PrintStream out = new PrintStream(progress, true, StandardCharsets.UTF_8)) {
            return new BenchRunner(config, out).run();
        }
    }

    private BenchConfig config(Layout layout, QoS qos, int publishers, int subscribers, int connections,
                               double durationSeconds) {
        return new BenchConfig("127.0.0.1", broker.port(), layout, publishers, subscribers, connections, qos, 64,
                200, 8, 0.2, durationSeconds, 10, 30, 20, 10_000, List.of(), 1, 0, 0, "test");
    }
}
