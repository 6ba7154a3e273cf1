package io.opifex.topic;

import static io.opifex.codec.packet.QoS.AT_LEAST_ONCE;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Writers subscribe and unsubscribe on shared paths (so pruning constantly races with inserts) while readers
 * match. Bounded by a short deadline so it stays cheap on a shared machine.
 */
class TopicTreeConcurrencyTest {

    private static final Duration RUN_TIME = Duration.ofMillis(1_500);
    private static final int WRITERS = 3;
    private static final int READERS = 2;
    /** Filters sharing prefixes, all matching {@link #TOPIC}, so every insert competes with pruning of its path. */
    private static final List<String> CHURNED_FILTERS = List.of("x/y/z", "x/y/z/#", "x/+/z", "+/y/+", "#", "x/#");
    private static final String TOPIC = "x/y/z";
    private static final String STABLE_FILTER = "x/y/+";

    private final TopicTree<String> tree = new TopicTree<>();

    @Test
    @Timeout(30)
    void concurrentSubscribeUnsubscribeAndMatchNeverLoseOrCorrupt() throws Exception {
        tree.subscribe(STABLE_FILTER, "stable", AT_LEAST_ONCE);
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        AtomicBoolean running = new AtomicBoolean(true);
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            threads.add(thread("writer-" + w, start, failures, churn("w" + w, running)));
        }
        for (int r = 0; r < READERS; r++) {
            threads.add(thread("reader-" + r, start, failures, readStable(running)));
        }
        threads.forEach(Thread::start);
        start.countDown();
        Thread.sleep(RUN_TIME.toMillis());
        running.set(false);
        for (Thread thread : threads) {
            thread.join();
        }

        assertThat(failures).isEmpty();
        // each writer ends holding every churned filter (see churn), plus the stable one
        assertThat(tree.subscriptionCount()).isEqualTo(WRITERS * CHURNED_FILTERS.size() + 1);
        MatchedSubscribers<String> matched = new MatchedSubscribers<>();
        tree.matchDistinct(TOPIC, matched);
        assertThat(matched.size()).isEqualTo(WRITERS + 1);

        for (int w = 0; w < WRITERS; w++) {
            for (String filter : CHURNED_FILTERS) {
                assertThat(tree.unsubscribe(filter, "w" + w)).isTrue();
            }
        }
        tree.unsubscribe(STABLE_FILTER, "stable");
        assertThat(tree.subscriptionCount()).isZero();
        assertThat(tree.nodeCount()).isZero();
    }

    /** Subscribes then unsubscribes each filter; after its own subscribe returns, a match must already see it. */
    private Runnable churn(String writer, AtomicBoolean running) {
        return () -> {
            while (running.get()) {
                for (String filter : CHURNED_FILTERS) {
                    tree.subscribe(filter, writer, AT_LEAST_ONCE);
                    AtomicBoolean seen = new AtomicBoolean();
                    tree.match(TOPIC, (subscriber, qos) -> seen.compareAndSet(false, subscriber.equals(writer)));
                    if (!seen.get()) {
                        throw new AssertionError(writer + " lost its subscription to " + filter);
                    }
                    if (!tree.unsubscribe(filter, writer)) {
                        throw new AssertionError(writer + " could not unsubscribe " + filter);
                    }
                }
            }
            CHURNED_FILTERS.forEach(filter -> tree.subscribe(filter, writer, AT_LEAST_ONCE));
        };
    }

    /** A subscription nobody touches must stay visible while its path is being pruned around it. */
    private Runnable readStable(AtomicBoolean running) {
        return () -> {
            MatchedSubscribers<String> matched = new MatchedSubscribers<>();
            while (running.get()) {
                tree.matchDistinct(TOPIC, matched);
                if (matched.qosOf("stable") != AT_LEAST_ONCE) {
                    throw new AssertionError("stable subscription not matched");
                }
            }
        };
    }

    private static Thread thread(String name, CountDownLatch start, ConcurrentLinkedQueue<Throwable> failures,
            Runnable body) {
        return new Thread(() -> {
            try {
                start.await();
                body.run();
            } catch (Throwable t) {
                failures.add(t);
            }
        }, name);
    }
}
