package io.opifex.topic;

import static io.opifex.codec.packet.QoS.AT_LEAST_ONCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Writers subscribe and unsubscribe on shared paths (so pruning constantly races with inserts) while readers
 * match, until each has done its share of rounds: the same amount of racing however busy the machine, and cheap on
 * an idle one (about the rounds 1.5 s of racing gave on an idle two-core machine).
 */
class TopicTreeConcurrencyTest {

    /** Rounds of subscribe, match and unsubscribe over all churned filters, per writer. */
    private static final int WRITER_ROUNDS = 20_000;
    /** Matches of the stable subscription, per reader. */
    private static final int READER_ROUNDS = 200_000;
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
        AtomicLongArray rounds = new AtomicLongArray(WRITERS + READERS);
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            threads.add(thread("writer-" + w, start, failures, churn("w" + w, running, rounds, w)));
        }
        for (int r = 0; r < READERS; r++) {
            threads.add(thread("reader-" + r, start, failures, readStable(running, rounds, WRITERS + r)));
        }
        threads.forEach(Thread::start);
        start.countDown();
        await().atMost(Duration.ofSeconds(25)).pollInterval(Duration.ofMillis(10))
                .until(() -> !failures.isEmpty() || everyThreadDidItsShare(rounds));
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

    private static boolean everyThreadDidItsShare(AtomicLongArray rounds) {
        for (int i = 0; i < rounds.length(); i++) {
            if (rounds.get(i) < (i < WRITERS ? WRITER_ROUNDS : READER_ROUNDS)) {
                return false;
            }
        }
        return true;
    }

    /** Subscribes then unsubscribes each filter; after its own subscribe returns, a match must already see it. */
    private Runnable churn(String writer, AtomicBoolean running, AtomicLongArray rounds, int slot) {
        return () -> {
            while (running.get()) {
                rounds.incrementAndGet(slot);
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
    private Runnable readStable(AtomicBoolean running, AtomicLongArray rounds, int slot) {
        return () -> {
            MatchedSubscribers<String> matched = new MatchedSubscribers<>();
            while (running.get()) {
                rounds.incrementAndGet(slot);
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
