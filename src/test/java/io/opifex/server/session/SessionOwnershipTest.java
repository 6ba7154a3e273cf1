package io.opifex.server.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.opifex.codec.packet.QoS;
import io.opifex.server.message.Message;
import io.opifex.server.metrics.BrokerMetrics;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.impl.VertxInternal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** Work for a session runs on its owner's loop, and a move between loops keeps one publisher's order. */
class SessionOwnershipTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    /** Two contexts on the two event loops (getOrCreateContext would give this thread one sticky context). */
    private final Context loopA = ((VertxInternal) vertx).createEventLoopContext();
    private final Context loopB = ((VertxInternal) vertx).createEventLoopContext();
    /** Payloads as they arrived at their session, with the thread they arrived on. */
    private final List<String> arrived = new CopyOnWriteArrayList<>();
    private final List<Thread> arrivedOn = new CopyOnWriteArrayList<>();
    private final SessionOwnership ownership = new SessionOwnership((session, message, qos) -> {
        arrived.add(new String(message.payload(), StandardCharsets.UTF_8));
        arrivedOn.add(Thread.currentThread());
    });

    @AfterEach
    void closeVertx() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private Session ownedBy(Context owner) {
        return new Session("client", owner, new SessionLimits(16, 100), BrokerMetrics.NONE);
    }

    private static Message message(String payload) {
        return new Message("t", payload.getBytes(StandardCharsets.UTF_8), QoS.AT_MOST_ONCE, false, 0);
    }

    private Thread threadOf(Context context) throws Exception {
        CopyOnWriteArrayList<Thread> thread = new CopyOnWriteArrayList<>();
        context.runOnContext(v -> thread.add(Thread.currentThread()));
        await().atMost(WAIT).until(() -> !thread.isEmpty());
        return thread.get(0);
    }

    @Test
    @DisplayName("messages routed from another loop arrive on the owner's loop, in the order routed")
    void routedMessagesArriveOnTheOwnersLoopInOrder() throws Exception {
        Session session = ownedBy(loopA);
        loopB.runOnContext(v -> {
            for (int i = 0; i < 100; i++) {
                ownership.batchesHere().add(session, message("m" + i), QoS.AT_MOST_ONCE);
                ownership.batchesHere().flush();
            }
        });
        await().atMost(WAIT).until(() -> arrived.size() == 100);
        assertThat(arrived).startsWith("m0", "m1").endsWith("m99").doesNotHaveDuplicates();
        assertThat(arrived).isSortedAccordingTo((a, b) -> Integer.compare(number(a), number(b)));
        assertThat(threadOf(loopA)).isNotSameAs(threadOf(loopB));
        assertThat(arrivedOn).containsOnly(threadOf(loopA));
    }

    @Test
    @DisplayName("work for a session follows it to its new owner")
    void executeFollowsAMove() throws Exception {
        Session session = ownedBy(loopA);
        session.moveTo(loopB);
        CopyOnWriteArrayList<Thread> ranOn = new CopyOnWriteArrayList<>();
        loopA.runOnContext(v -> ownership.execute(session, s -> ranOn.add(Thread.currentThread())));
        await().atMost(WAIT).until(() -> !ranOn.isEmpty());
        assertThat(ranOn).containsExactly(threadOf(loopB));
    }

    @RepeatedTest(5)
    @DisplayName("[MQTT-4.6.0-6] a message routed straight to the new owner waits for one still on its way through the old")
    void moveKeepsOnePublishersOrder() {
        Session session = ownedBy(loopA);
        CountDownLatch firstOnItsWay = new CountDownLatch(1);
        loopA.runOnContext(v -> {
            // loop A is busy while loop B routes "first" to it: that batch waits in A's queue behind this task
            loopB.runOnContext(w -> {
                ownership.batchesHere().add(session, message("first"), QoS.AT_MOST_ONCE);
                ownership.batchesHere().flush();
                loopB.runOnContext(x -> firstOnItsWay.countDown()); // after B's end-of-turn flush to A
            });
            awaitUninterruptibly(firstOnItsWay);
            ownership.handOver(session, loopB);
            loopB.runOnContext(w -> {
                ownership.batchesHere().add(session, message("second"), QoS.AT_MOST_ONCE); // local to B now
                ownership.batchesHere().flush();
            });
        });
        await().atMost(WAIT).until(() -> arrived.size() == 2);
        assertThat(arrived).containsExactly("first", "second");
    }

    /** Blocks the test's event loop on purpose, briefly, to order two loops' queues. */
    private static void awaitUninterruptibly(CountDownLatch latch) {
        try {
            assertThat(latch.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static int number(String payload) {
        return Integer.parseInt(payload.substring(1));
    }
}
