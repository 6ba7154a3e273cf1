package io.opifex.server.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.opifex.codec.packet.QoS;
import io.opifex.server.message.Message;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The flow control a session's queue offers to the publishers that fill it. */
class OutboundQueueTest {

    private static final int CONGESTED_AT = 2;
    private static final int DRAINED_AT = 2;

    private final OutboundQueue queue = new OutboundQueue(CONGESTED_AT, DRAINED_AT);
    private final AtomicInteger wakeUps = new AtomicInteger();
    private final DrainListener publisher = wakeUps::incrementAndGet;

    private static Delivery delivery() {
        return new Delivery(new Message("t", new byte[3], QoS.AT_LEAST_ONCE, false, 0), QoS.AT_LEAST_ONCE, false);
    }

    @Test
    @DisplayName("the backlog counts messages on their way as well as those queued; at the mark it is congested")
    void backlogCountsInTransit() {
        assertThat(queue.routedTo()).as("1 on its way").isFalse();
        assertThat(queue.routedTo()).as("2 on their way").isTrue();
        queue.arrived();
        queue.add(delivery());
        assertThat(queue.backlog()).isEqualTo(2);
        assertThat(queue.payloadBytes()).isEqualTo(3);
    }

    @Test
    @DisplayName("a publisher waiting for a queue that already drained is told at once")
    void alreadyDrainedTellsAtOnce() {
        queue.add(delivery());
        queue.awaitDrain(publisher);
        assertThat(wakeUps).hasValue(1);
    }

    @Test
    @DisplayName("a waiting publisher is told once, when the backlog is down to the drained mark, not before")
    void toldOnceWhenDrained() {
        for (int i = 0; i < 5; i++) {
            queue.add(delivery());
        }
        queue.awaitDrain(publisher);
        queue.poll();
        queue.poll();
        queue.releaseIfDrained();
        assertThat(wakeUps).as("3 left, drained at 2").hasValue(0);
        queue.poll();
        queue.releaseIfDrained();
        queue.releaseIfDrained();
        assertThat(wakeUps).hasValue(1);
    }

    @Test
    @DisplayName("a queue that will never drain here (session stored or gone) lets its publishers go")
    void releaseAllLetsEveryoneGo() {
        for (int i = 0; i < 5; i++) {
            queue.add(delivery());
        }
        queue.awaitDrain(publisher);
        queue.awaitDrain(publisher);
        queue.releaseAll();
        assertThat(wakeUps).hasValue(2);
    }
}
