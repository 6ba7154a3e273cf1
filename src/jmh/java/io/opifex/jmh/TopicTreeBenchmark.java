package io.opifex.jmh;

import io.opifex.codec.packet.QoS;
import io.opifex.topic.MatchedSubscribers;
import io.opifex.topic.TopicTree;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Routing a publish through a {@link TopicTree} of 100,000 subscriptions by as many clients:
 * 90,000 exact filters {@code site/S/device/D/telemetry} (100 sites), 9,000 {@code site/S/device/+/alarm} and
 * 1,000 {@code site/S/#}. Each benchmark is one publish; the comment says how many subscriptions it matches.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TopicTreeBenchmark {

    private static final int SITES = 100;
    private static final int EXACT = 90_000;
    private static final int SINGLE_LEVEL = 9_000;
    private static final int MULTI_LEVEL = 1_000;

    private final TopicTree<String> tree = new TopicTree<>();
    private final MatchedSubscribers<String> matched = new MatchedSubscribers<>();

    @Setup
    public void setUp() {
        for (int i = 0; i < EXACT; i++) {
            tree.subscribe("site/" + i % SITES + "/device/" + i + "/telemetry", "exact-" + i, QoS.AT_MOST_ONCE);
        }
        for (int i = 0; i < SINGLE_LEVEL; i++) {
            tree.subscribe("site/" + i % SITES + "/device/+/alarm", "plus-" + i, QoS.AT_LEAST_ONCE);
        }
        for (int i = 0; i < MULTI_LEVEL; i++) {
            tree.subscribe("site/" + i % SITES + "/#", "hash-" + i, QoS.AT_MOST_ONCE);
        }
        if (tree.subscriptionCount() != EXACT + SINGLE_LEVEL + MULTI_LEVEL) {
            throw new IllegalStateException("expected 100,000 subscriptions, got " + tree.subscriptionCount());
        }
    }

    /** 1 exact + 10 '#' subscribers. */
    @Benchmark
    public void matchTelemetry(Blackhole blackhole) {
        tree.match("site/42/device/4242/telemetry", consumer(blackhole));
    }

    /** 90 '+' + 10 '#' subscribers. */
    @Benchmark
    public void matchAlarm(Blackhole blackhole) {
        tree.match("site/42/device/4242/alarm", consumer(blackhole));
    }

    /** Nothing: the first level has no branch. */
    @Benchmark
    public void matchNothing(Blackhole blackhole) {
        tree.match("factory/1/line/2/speed", consumer(blackhole));
    }

    /** As the broker routes: distinct subscribers with their maximum QoS, into a reused collector. */
    @Benchmark
    public int matchDistinctAlarm() {
        tree.matchDistinct("site/42/device/4242/alarm", matched);
        return matched.size();
    }

    private static BiConsumer<String, QoS> consumer(Blackhole blackhole) {
        return (subscriber, qos) -> blackhole.consume(subscriber);
    }
}
