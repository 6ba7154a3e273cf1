package io.opifex.persistence.spi;

import static io.opifex.persistence.spi.QoSLevel.AT_LEAST_ONCE;
import static io.opifex.persistence.spi.QoSLevel.AT_MOST_ONCE;
import static io.opifex.persistence.spi.QoSLevel.EXACTLY_ONCE;
import static io.opifex.persistence.spi.StoreTestSupport.await;
import static io.opifex.persistence.spi.StoreTestSupport.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opifex.persistence.spi.EnqueueResult.Outcome;
import io.opifex.persistence.spi.InflightMessage.Phase;
import io.opifex.persistence.spi.QueueLimit.Overflow;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Behaviour every {@link SessionStore} backend must show. A backend's test extends this and supplies a new, empty
 * store per test; nothing here depends on how a backend stores things.
 */
public abstract class SessionStoreContract {

    private static final String CLIENT = "client-1";
    private static final QueueLimit ROOMY = new QueueLimit(1_000, Overflow.DROP_NEWEST);

    protected SessionStore store;

    /** A new store with no sessions. */
    protected abstract SessionStore createStore();

    @BeforeEach
    void setUpStore() {
        store = createStore();
    }

    private void saveEmpty(String clientId) {
        await(store.save(SessionState.empty(clientId)));
    }

    private SessionState loaded(String clientId) {
        return await(store.load(clientId)).orElseThrow();
    }

    @Test
    void unknownClientHasNoSession() {
        assertThat(await(store.load("nobody"))).isEmpty();
        assertThat(await(store.clientIds())).isEmpty();
    }

    @Test
    @DisplayName("[MQTT-3.1.2-4] save then load returns every part of the session")
    void saveLoadRoundTrip() {
        StoredMessage first = message(1, "a/b", AT_LEAST_ONCE);
        StoredMessage second = message(2, "a/c", EXACTLY_ONCE);
        SessionState state = new SessionState(CLIENT,
                List.of(new StoredSubscription("a/#", EXACTLY_ONCE), new StoredSubscription("+/x", AT_MOST_ONCE)),
                List.of(InflightMessage.sent(7, first), InflightMessage.sent(3, second).released()),
                List.of(message(4, "q/1", AT_LEAST_ONCE), message(5, "q/2", AT_MOST_ONCE)),
                Set.of(11, 12));

        await(store.save(state));

        SessionState loaded = loaded(CLIENT);
        assertThat(loaded).isEqualTo(state);
        assertThat(loaded.queued().get(0).payload()).isEqualTo("payload-4".getBytes());
        assertThat(loaded.inflight().get(1).phase()).isEqualTo(Phase.AWAITING_PUBCOMP);
        assertThat(await(store.clientIds())).containsExactly(CLIENT);
    }

    @Test
    void saveReplacesTheWholeSession() {
        await(store.save(new SessionState(CLIENT, List.of(new StoredSubscription("old", AT_MOST_ONCE)),
                List.of(InflightMessage.sent(1, message(1, "t", AT_LEAST_ONCE))),
                List.of(message(2, "t", AT_LEAST_ONCE)), Set.of(9))));
        SessionState replacement = new SessionState(CLIENT, List.of(new StoredSubscription("new", AT_LEAST_ONCE)),
                List.of(), List.of(message(3, "u", EXACTLY_ONCE)), Set.of());

        await(store.save(replacement));

        assertThat(loaded(CLIENT)).isEqualTo(replacement);
    }

    @Test
    @DisplayName("[MQTT-3.1.2-6] delete discards the session; the next save starts a fresh one")
    void deleteDiscardsSession() {
        await(store.save(new SessionState(CLIENT, List.of(new StoredSubscription("a", AT_MOST_ONCE)), List.of(),
                List.of(message(1, "a", AT_LEAST_ONCE)), Set.of())));
        saveEmpty("other");

        assertThat(await(store.delete(CLIENT))).isTrue();
        assertThat(await(store.delete(CLIENT))).isFalse();
        assertThat(await(store.load(CLIENT))).isEmpty();
        assertThat(await(store.clientIds())).containsExactly("other");

        saveEmpty(CLIENT);
        assertThat(loaded(CLIENT)).isEqualTo(SessionState.empty(CLIENT));
    }

    @Test
    void sessionsAreIndependent() {
        saveEmpty("a");
        saveEmpty("b");

        await(store.putSubscription("a", new StoredSubscription("x", AT_LEAST_ONCE)));
        await(store.enqueue("a", message(1, "x", AT_LEAST_ONCE), ROOMY));

        assertThat(loaded("b")).isEqualTo(SessionState.empty("b"));
        assertThat(await(store.clientIds())).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void operationsOnAnUnknownClientDoNotCreateASession() {
        assertThat(await(store.putSubscription(CLIENT, new StoredSubscription("a", AT_MOST_ONCE)))).isFalse();
        assertThat(await(store.removeSubscription(CLIENT, "a"))).isFalse();
        assertThat(await(store.enqueue(CLIENT, message(1, "a", AT_LEAST_ONCE), ROOMY)))
                .isEqualTo(EnqueueResult.noSession());
        assertThat(await(store.pollQueued(CLIENT, 10))).isEmpty();
        assertThat(await(store.putInflight(CLIENT, InflightMessage.sent(1, message(1, "a", AT_LEAST_ONCE)))))
                .isFalse();
        assertThat(await(store.removeInflight(CLIENT, 1))).isFalse();
        assertThat(await(store.addAwaitingPubrel(CLIENT, 1))).isFalse();
        assertThat(await(store.removeAwaitingPubrel(CLIENT, 1))).isFalse();

        assertThat(await(store.load(CLIENT))).isEmpty();
        assertThat(await(store.clientIds())).isEmpty();
    }

    @Test
    @DisplayName("[MQTT-3.8.4-3] a subscription to an identical filter replaces the existing one")
    void subscriptionsAreKeyedByFilter() {
        saveEmpty(CLIENT);

        assertThat(await(store.putSubscription(CLIENT, new StoredSubscription("a/+", AT_MOST_ONCE)))).isTrue();
        await(store.putSubscription(CLIENT, new StoredSubscription("b", AT_LEAST_ONCE)));
        await(store.putSubscription(CLIENT, new StoredSubscription("a/+", EXACTLY_ONCE)));

        assertThat(loaded(CLIENT).subscriptions()).containsExactly(new StoredSubscription("a/+", EXACTLY_ONCE),
                new StoredSubscription("b", AT_LEAST_ONCE));
        assertThat(await(store.removeSubscription(CLIENT, "a/+"))).isTrue();
        assertThat(await(store.removeSubscription(CLIENT, "a/+"))).isFalse();
        assertThat(await(store.removeSubscription(CLIENT, "B"))).isFalse();
        assertThat(loaded(CLIENT).subscriptions()).containsExactly(new StoredSubscription("b", AT_LEAST_ONCE));
    }

    @Test
    @DisplayName("[MQTT-3.1.2-5] messages queued for an offline session come back oldest first")
    void queueIsFifo() {
        saveEmpty(CLIENT);
        List<StoredMessage> sent = new ArrayList<>();
        for (int id = 1; id <= 5; id++) {
            StoredMessage message = message(id, "t/" + id, id % 2 == 0 ? AT_LEAST_ONCE : EXACTLY_ONCE);
            sent.add(message);
            EnqueueResult result = await(store.enqueue(CLIENT, message, ROOMY));
            assertThat(result).isEqualTo(EnqueueResult.queued(0, id));
        }

        assertThat(loaded(CLIENT).queued()).containsExactlyElementsOf(sent);
        assertThat(await(store.pollQueued(CLIENT, 2))).containsExactlyElementsOf(sent.subList(0, 2));
        assertThat(await(store.pollQueued(CLIENT, 10))).containsExactlyElementsOf(sent.subList(2, 5));
        assertThat(await(store.pollQueued(CLIENT, 10))).isEmpty();
        assertThat(loaded(CLIENT).queued()).isEmpty();
    }

    @Test
    void fullQueueRefusesTheNewestWhenAskedTo() {
        saveEmpty(CLIENT);
        QueueLimit limit = new QueueLimit(3, Overflow.DROP_NEWEST);
        for (int id = 1; id <= 3; id++) {
            await(store.enqueue(CLIENT, message(id, "t", AT_LEAST_ONCE), limit));
        }

        EnqueueResult result = await(store.enqueue(CLIENT, message(4, "t", AT_LEAST_ONCE), limit));

        assertThat(result.outcome()).isEqualTo(Outcome.REFUSED_QUEUE_FULL);
        assertThat(result.dropped()).isEqualTo(1);
        assertThat(result.queueLength()).isEqualTo(3);
        assertThat(loaded(CLIENT).queued()).extracting(StoredMessage::messageId).containsExactly(1L, 2L, 3L);
    }

    @Test
    void fullQueueEvictsTheOldestWhenAskedTo() {
        saveEmpty(CLIENT);
        QueueLimit limit = new QueueLimit(3, Overflow.DROP_OLDEST);
        for (int id = 1; id <= 3; id++) {
            await(store.enqueue(CLIENT, message(id, "t", AT_LEAST_ONCE), limit));
        }

        EnqueueResult result = await(store.enqueue(CLIENT, message(4, "t", AT_LEAST_ONCE), limit));

        assertThat(result).isEqualTo(EnqueueResult.queued(1, 3));
        assertThat(loaded(CLIENT).queued()).extracting(StoredMessage::messageId).containsExactly(2L, 3L, 4L);
    }

    @Test
    void loweredLimitEvictsEveryMessageOverIt() {
        saveEmpty(CLIENT);
        for (int id = 1; id <= 5; id++) {
            await(store.enqueue(CLIENT, message(id, "t", AT_LEAST_ONCE), ROOMY));
        }

        EnqueueResult oldestOut = await(store.enqueue(CLIENT, message(6, "t", AT_LEAST_ONCE),
                new QueueLimit(2, Overflow.DROP_OLDEST)));
        assertThat(oldestOut).isEqualTo(EnqueueResult.queued(4, 2));
        assertThat(loaded(CLIENT).queued()).extracting(StoredMessage::messageId).containsExactly(5L, 6L);

        EnqueueResult newestOut = await(store.enqueue(CLIENT, message(7, "t", AT_LEAST_ONCE),
                new QueueLimit(1, Overflow.DROP_NEWEST)));
        assertThat(newestOut).isEqualTo(EnqueueResult.refused(2));
    }

    @Test
    void invalidArgumentsAreRejectedUpFront() {
        saveEmpty(CLIENT);
        assertThatThrownBy(() -> store.pollQueued(CLIENT, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.load(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> store.enqueue(CLIENT, null, ROOMY)).isInstanceOf(NullPointerException.class);
    }

    @Test
    @DisplayName("[MQTT-4.6.0-1] in-flight messages keep their send order through phase updates")
    void inflightUpdateAndAcknowledge() {
        saveEmpty(CLIENT);
        InflightMessage qos1 = InflightMessage.sent(10, message(1, "a", AT_LEAST_ONCE));
        InflightMessage qos2 = InflightMessage.sent(5, message(2, "b", EXACTLY_ONCE));
        InflightMessage last = InflightMessage.sent(7, message(3, "c", EXACTLY_ONCE));
        for (InflightMessage inflight : List.of(qos1, qos2, last)) {
            assertThat(await(store.putInflight(CLIENT, inflight))).isTrue();
        }

        await(store.putInflight(CLIENT, qos2.released())); // PUBREC arrived

        assertThat(loaded(CLIENT).inflight()).containsExactly(qos1, qos2.released(), last);
        assertThat(await(store.removeInflight(CLIENT, 10))).isTrue(); // PUBACK
        assertThat(await(store.removeInflight(CLIENT, 10))).isFalse();
        assertThat(await(store.removeInflight(CLIENT, 5))).isTrue(); // PUBCOMP
        assertThat(loaded(CLIENT).inflight()).containsExactly(last);
    }

    @Test
    @DisplayName("[MQTT-4.3.3-2] inbound QoS 2 packet ids are held until released, duplicates detected")
    void awaitingPubrelIds() {
        saveEmpty(CLIENT);

        assertThat(await(store.addAwaitingPubrel(CLIENT, 42))).isTrue();
        assertThat(await(store.addAwaitingPubrel(CLIENT, 42))).isFalse();
        assertThat(await(store.addAwaitingPubrel(CLIENT, 43))).isTrue();
        assertThat(loaded(CLIENT).awaitingPubrel()).containsExactlyInAnyOrder(42, 43);

        assertThat(await(store.removeAwaitingPubrel(CLIENT, 42))).isTrue();
        assertThat(await(store.removeAwaitingPubrel(CLIENT, 42))).isFalse();
        assertThat(loaded(CLIENT).awaitingPubrel()).containsExactly(43);
    }

    @Test
    void loadedStateIsADetachedSnapshot() {
        saveEmpty(CLIENT);
        SessionState before = loaded(CLIENT);

        await(store.putSubscription(CLIENT, new StoredSubscription("a", AT_MOST_ONCE)));
        await(store.enqueue(CLIENT, message(1, "a", AT_LEAST_ONCE), ROOMY));

        assertThat(before).isEqualTo(SessionState.empty(CLIENT));
        assertThatThrownBy(() -> loaded(CLIENT).queued().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    @Timeout(30)
    void concurrentEnqueueKeepsEveryProducersOrderAndCountsEveryDrop() throws Exception {
        int producers = 4;
        int perProducer = 500;
        int limit = perProducer * producers / 2;
        saveEmpty(CLIENT);
        QueueLimit queueLimit = new QueueLimit(limit, Overflow.DROP_NEWEST);
        AtomicInteger queued = new AtomicInteger();
        AtomicInteger dropped = new AtomicInteger();
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            long firstId = (long) p * perProducer;
            threads.add(new Thread(() -> {
                try {
                    start.await();
                    for (long id = firstId; id < firstId + perProducer; id++) {
                        EnqueueResult result = await(store.enqueue(CLIENT, message(id, "t", AT_LEAST_ONCE),
                                queueLimit));
                        (result.isQueued() ? queued : dropped).incrementAndGet();
                        if (!result.isQueued() && result.dropped() != 1) {
                            throw new AssertionError("refusal must report one dropped message: " + result);
                        }
                    }
                } catch (Throwable t) {
                    failures.add(t);
                }
            }));
        }
        threads.forEach(Thread::start);
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }

        assertThat(failures).isEmpty();
        List<StoredMessage> stored = loaded(CLIENT).queued();
        assertThat(stored).hasSize(limit);
        assertThat(queued.get()).isEqualTo(limit);
        assertThat(dropped.get()).isEqualTo(producers * perProducer - limit);
        for (int p = 0; p < producers; p++) {
            long producerStart = (long) p * perProducer;
            List<Long> ids = stored.stream().map(StoredMessage::messageId)
                    .filter(id -> id >= producerStart && id < producerStart + perProducer).toList();
            assertThat(ids).as("producer %d order", p).isSorted();
        }
    }
}
