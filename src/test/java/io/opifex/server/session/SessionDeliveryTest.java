package io.opifex.server.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.opifex.codec.packet.QoS;
import io.opifex.server.message.Message;
import io.opifex.server.metrics.DropReason;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A session's parts working together, without a socket or an event loop: queue, window, acknowledgements. */
class SessionDeliveryTest {

    private static final int MAX_INFLIGHT = 2;
    private static final int MAX_QUEUED = 4;

    private final CountingMetrics metrics = new CountingMetrics();
    private final RecordingOutput output = new RecordingOutput();
    private final Session session = new Session("client", null, new SessionLimits(MAX_INFLIGHT, MAX_QUEUED), metrics);

    private static Message message(String payload, QoS qos) {
        return new Message("t", payload.getBytes(StandardCharsets.UTF_8), qos, false, System.nanoTime());
    }

    @Test
    @DisplayName("QoS 0 goes out at once to an attached client, is dropped for a detached one or a slow reader")
    void qos0GoesOutNowOrNotAtAll() {
        session.offer(message("offline", QoS.AT_MOST_ONCE), QoS.AT_MOST_ONCE, false);
        session.attach(output, true);
        session.offer(message("now", QoS.AT_MOST_ONCE), QoS.AT_MOST_ONCE, false);
        output.writable = false;
        session.offer(message("slow", QoS.AT_MOST_ONCE), QoS.AT_MOST_ONCE, false);

        assertThat(output.written).containsExactly(new RecordingOutput.Written("publish", "now", 0));
        assertThat(metrics.dropped).containsEntry(DropReason.OFFLINE_QOS0, 1).containsEntry(DropReason.SLOW_CONSUMER, 1);
    }

    @Test
    @DisplayName("[MQTT-4.6.0-6] QoS 1 beyond the in-flight window waits in order; each PUBACK lets the next one out")
    void windowBoundsWhatIsInFlight() {
        session.attach(output, true);
        for (int i = 1; i <= 4; i++) {
            session.offer(message("m" + i, QoS.AT_LEAST_ONCE), QoS.AT_LEAST_ONCE, false);
        }
        assertThat(output.payloads()).containsExactly("m1", "m2");
        assertThat(session.queue().size()).isEqualTo(2);
        assertThat(metrics.inflight).isEqualTo(2);
        assertThat(metrics.queued).isEqualTo(2);

        assertThat(session.acknowledged(output.written.get(0).packetId())).isTrue();
        assertThat(output.payloads()).containsExactly("m1", "m2", "m3");
        assertThat(session.acknowledged(output.written.get(0).packetId())).as("acknowledged twice").isFalse();
        assertThat(metrics.queued).isEqualTo(1);
    }

    @Test
    @DisplayName("a full queue drops the newest message and counts it")
    void fullQueueDropsAndCounts() {
        for (int i = 0; i < MAX_QUEUED + 2; i++) {
            session.offer(message("m" + i, QoS.AT_LEAST_ONCE), QoS.AT_LEAST_ONCE, false); // detached: all queue
        }
        assertThat(session.queue().size()).isEqualTo(MAX_QUEUED);
        assertThat(metrics.dropped).containsEntry(DropReason.QUEUE_FULL, 2);
    }

    @Test
    @DisplayName("[MQTT-2.3.1-2] packet ids in flight are never handed out twice")
    void packetIdsInFlightAreUnique() {
        session.attach(output, true);
        List<Integer> ids = new ArrayList<>();
        for (int round = 0; round < 200; round++) {
            session.offer(message("m", QoS.AT_LEAST_ONCE), QoS.AT_LEAST_ONCE, false);
            session.offer(message("m", QoS.AT_LEAST_ONCE), QoS.AT_LEAST_ONCE, false);
            int first = output.written.get(output.written.size() - 2).packetId();
            int second = output.written.get(output.written.size() - 1).packetId();
            assertThat(first).isNotEqualTo(second).isBetween(1, 65535);
            ids.add(first);
            session.acknowledged(first);
            session.acknowledged(second);
        }
        assertThat(ids).doesNotContain(0);
    }

    @Test
    @DisplayName("[MQTT-4.3.3-1] QoS 2: PUBREC releases, PUBCOMP completes; PUBCOMP before PUBREC is refused")
    void qos2Phases() {
        session.attach(output, true);
        session.offer(message("q2", QoS.EXACTLY_ONCE), QoS.EXACTLY_ONCE, false);
        int packetId = output.written.get(0).packetId();

        assertThat(session.acknowledged(packetId)).as("PUBACK for a QoS 2 message").isFalse();
        assertThat(session.completed(packetId)).as("PUBCOMP before PUBREC").isFalse();
        assertThat(session.received(packetId)).isTrue();
        assertThat(session.completed(packetId)).isTrue();
        assertThat(metrics.inflight).isZero();
    }

    @Test
    @DisplayName("[MQTT-4.4.0-1] after a reconnect, unacknowledged messages go again in order: DUP PUBLISH or PUBREL")
    void resendsInOrderAfterReconnect() {
        session.attach(output, false);
        session.offer(message("q1", QoS.AT_LEAST_ONCE), QoS.AT_LEAST_ONCE, false);
        session.offer(message("q2", QoS.EXACTLY_ONCE), QoS.EXACTLY_ONCE, false);
        int q2 = output.written.get(1).packetId();
        session.received(q2);
        session.detach(output);

        RecordingOutput again = new RecordingOutput();
        session.attach(again, false);
        session.resendInflight();

        assertThat(again.written).containsExactly(
                new RecordingOutput.Written("resend", "q1", output.written.get(0).packetId()),
                new RecordingOutput.Written("pubrel", null, q2));
    }

    @Test
    @DisplayName("a detach by a connection that no longer owns the session leaves the new one attached")
    void staleDetachIsIgnored() {
        RecordingOutput old = new RecordingOutput();
        session.attach(old, true);
        session.attach(output, true);
        session.detach(old);
        assertThat(session.isOnline()).isTrue();
        assertThat(session.output()).isSameAs(output);
    }

    @Test
    @DisplayName("[MQTT-3.1.2-6] clearing drops what is queued and in flight and the inbound QoS 2 ids, and says so")
    void clearingDropsEverything() {
        session.attach(output, true);
        for (int i = 0; i < 3; i++) {
            session.offer(message("m" + i, QoS.AT_LEAST_ONCE), QoS.AT_LEAST_ONCE, false);
        }
        session.inboundQos2().arrived(7);
        session.clearMessages();

        assertThat(session.inflight().size()).isZero();
        assertThat(session.queue().size()).isZero();
        assertThat(session.inboundQos2().arrived(7)).as("id 7 is new again").isTrue();
        assertThat(metrics.inflight).isZero();
        assertThat(metrics.queued).isZero();
        assertThat(metrics.queuedBytes).isZero();
    }

    @Test
    @DisplayName("a discarded session takes nothing more")
    void discardedSessionTakesNothing() {
        session.attach(output, true);
        session.discard();
        session.offer(message("late", QoS.AT_LEAST_ONCE), QoS.AT_LEAST_ONCE, false);
        assertThat(output.written).isEmpty();
        assertThat(session.queue().size()).isZero();
    }
}
