package io.opifex.client;

import io.opifex.codec.packet.Publish;
import io.opifex.codec.packet.Pubrel;
import io.opifex.codec.packet.QoS;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * Publishes from this client: QoS 1/2 messages go out through a window of at most {@code maxInflight}
 * unacknowledged messages; the rest wait, in order, in a bounded queue. Unacknowledged messages survive a lost
 * connection and are sent again, with DUP, on the next one (PUBREL for those the broker already PUBREC'd)
 * [MQTT-4.4.0-1]. Runs on the client's event loop only.
 */
final class OutboundFlow {

    /** Vert.x timer ids start at 0. */
    private static final long NO_TIMER = -1;

    /** One QoS 1/2 publish, from the call to its last acknowledgement. */
    private static final class Outgoing {
        final String topic;
        final byte[] payload;
        final QoS qos;
        final boolean retain;
        final Promise<Void> promise = Promise.promise();
        int packetId;
        boolean sent;
        /** QoS 2: PUBREC arrived, PUBREL is (re)sent until PUBCOMP. */
        boolean released;
        long timer = NO_TIMER;

        Outgoing(String topic, byte[] payload, QoS qos, boolean retain) {
            this.topic = topic;
            this.payload = payload;
            this.qos = qos;
            this.retain = retain;
        }

        Publish packet(boolean dup) {
            return new Publish(topic, qos, retain, dup, packetId, payload);
        }
    }

    private final Vertx vertx;
    private final IntSupplier packetIds;
    private final int maxInflight;
    private final int maxQueued;
    private final Duration timeout;
    /** By packet id, in sending order: resent in that order [MQTT-4.6.0-1]. */
    private final Map<Integer, Outgoing> inFlight = new LinkedHashMap<>();
    private final ArrayDeque<Outgoing> queue = new ArrayDeque<>();
    private PacketWriter writer;

    /** @param packetIds hands out a free packet id, or 0 when none is free */
    OutboundFlow(Vertx vertx, IntSupplier packetIds, int maxInflight, int maxQueued, Duration timeout) {
        this.vertx = vertx;
        this.packetIds = packetIds;
        this.maxInflight = maxInflight;
        this.maxQueued = maxQueued;
        this.timeout = timeout;
    }

    /** QoS 0: handed to the connection now or failed; there is nothing to wait for and nothing to keep. */
    Future<Void> publishAtMostOnce(String topic, byte[] payload, boolean retain) {
        if (writer == null) {
            return Future.failedFuture(new NotConnectedException("not connected: QoS 0 message to " + topic
                    + " dropped"));
        }
        writer.send(new Publish(topic, QoS.AT_MOST_ONCE, retain, false, 0, payload));
        return Future.succeededFuture();
    }

    Future<Void> publish(String topic, byte[] payload, QoS qos, boolean retain) {
        boolean windowOpen = writer != null && queue.isEmpty() && inFlight.size() < maxInflight;
        if (!windowOpen && queue.size() >= maxQueued) {
            return Future.failedFuture(new PublishQueueFullException(inFlight.size(), queue.size()));
        }
        Outgoing message = new Outgoing(topic, payload, qos, retain);
        message.timer = vertx.setTimer(timeout.toMillis(), id -> timedOut(message));
        queue.add(message);
        pump();
        return message.promise.future();
    }

    private void timedOut(Outgoing message) {
        message.timer = NO_TIMER;
        if (queue.remove(message)) {
            message.promise.tryFail(new ClientTimeoutException("publish to " + message.topic + " not sent within "
                    + timeout.toMillis() + " ms: the in-flight window stayed full or the client stayed offline"));
        } else {
            // Still in flight: keep it (its id and its resend), the broker may acknowledge it later.
            String awaited = message.qos == QoS.AT_LEAST_ONCE ? "PUBACK" : message.released ? "PUBCOMP" : "PUBREC";
            message.promise.tryFail(new ClientTimeoutException("no " + awaited + " for packet " + message.packetId
                    + " (" + message.topic + ") within " + timeout.toMillis()
                    + " ms; it stays in flight and may still be delivered"));
        }
    }

    /** Moves queued messages into the window while it has room and the client is connected. */
    private void pump() {
        while (writer != null && inFlight.size() < maxInflight && !queue.isEmpty()) {
            int packetId = packetIds.getAsInt();
            if (packetId == 0) {
                return; // every id is taken by subscribe requests: wait for one to complete
            }
            Outgoing message = queue.poll();
            message.packetId = packetId;
            message.sent = true;
            inFlight.put(packetId, message);
            writer.send(message.packet(false));
        }
    }

    /** @return false when the broker acknowledged something it was never sent: a protocol violation */
    boolean puback(int packetId) {
        Outgoing message = inFlight.get(packetId);
        if (message == null || message.qos != QoS.AT_LEAST_ONCE) {
            return false;
        }
        complete(message);
        return true;
    }

    boolean pubrec(int packetId) {
        Outgoing message = inFlight.get(packetId);
        if (message == null || message.qos != QoS.EXACTLY_ONCE) {
            return false;
        }
        // a second PUBREC (the broker's answer to our resent PUBLISH) just gets the PUBREL again
        message.released = true;
        writer.send(new Pubrel(packetId));
        return true;
    }

    boolean pubcomp(int packetId) {
        Outgoing message = inFlight.get(packetId);
        if (message == null || !message.released) {
            return false;
        }
        complete(message);
        return true;
    }

    private void complete(Outgoing message) {
        inFlight.remove(message.packetId);
        cancelTimer(message);
        message.promise.tryComplete();
        pump();
    }

    /** A new connection: first the unfinished flows again, in order, then whatever waits in the queue. */
    void online(PacketWriter writer) {
        this.writer = writer;
        for (Outgoing message : inFlight.values()) {
            writer.send(message.released ? new Pubrel(message.packetId) : message.packet(true));
        }
        pump();
    }

    void offline() {
        writer = null;
    }

    /** Ends every publish with {@code cause}: the client is closing for good. */
    void failAll(Throwable cause) {
        List<Outgoing> all = new ArrayList<>(inFlight.values());
        all.addAll(queue);
        inFlight.clear();
        queue.clear();
        for (Outgoing message : all) {
            cancelTimer(message);
            message.promise.tryFail(cause);
        }
    }

    private void cancelTimer(Outgoing message) {
        if (message.timer != NO_TIMER) {
            vertx.cancelTimer(message.timer);
            message.timer = NO_TIMER;
        }
    }

    /** Whether a packet id is taken by a publish in flight. */
    boolean holds(int packetId) {
        return inFlight.containsKey(packetId);
    }

    int inFlightCount() {
        return inFlight.size();
    }

    int queuedCount() {
        return queue.size();
    }
}
