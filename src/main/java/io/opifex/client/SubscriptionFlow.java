package io.opifex.client;

import io.opifex.codec.packet.QoS;
import io.opifex.codec.packet.ReasonCode;
import io.opifex.codec.packet.Suback;
import io.opifex.codec.packet.Subscribe;
import io.opifex.codec.packet.TopicSubscription;
import io.opifex.codec.packet.Unsubscribe;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * SUBSCRIBE and UNSUBSCRIBE requests waiting for their acknowledgement, and the subscriptions the broker granted,
 * so they can be made again when a reconnect finds no session. Runs on the client's event loop only.
 */
final class SubscriptionFlow {

    private static final long NO_TIMER = -1;

    /** One request; a timed-out one stays until its late ack (or the connection's end) so the ack is not "unknown". */
    private static final class Pending {
        final List<TopicSubscription> subscriptions; // null for UNSUBSCRIBE
        final List<String> unsubscriptions;
        final Promise<List<ReasonCode>> promise = Promise.promise();
        long timer = NO_TIMER;

        Pending(List<TopicSubscription> subscriptions, List<String> unsubscriptions) {
            this.subscriptions = subscriptions;
            this.unsubscriptions = unsubscriptions;
        }
    }

    private final Vertx vertx;
    private final IntSupplier packetIds;
    private final Duration timeout;
    private final Map<Integer, Pending> pending = new HashMap<>();
    /** Granted subscriptions by filter, in the order they were made. */
    private final Map<String, QoS> granted = new LinkedHashMap<>();

    /** @param packetIds hands out a free packet id, or 0 when none is free */
    SubscriptionFlow(Vertx vertx, IntSupplier packetIds, Duration timeout) {
        this.vertx = vertx;
        this.packetIds = packetIds;
        this.timeout = timeout;
    }

    /** @return the SUBACK reason codes, in request order: the granted QoS or an error */
    Future<List<ReasonCode>> subscribe(List<TopicSubscription> subscriptions, PacketWriter writer) {
        Pending request = new Pending(List.copyOf(subscriptions), null);
        return send(request, writer, id -> new Subscribe(id, request.subscriptions), "SUBACK");
    }

    Future<List<ReasonCode>> unsubscribe(List<String> filters, PacketWriter writer) {
        Pending request = new Pending(null, List.copyOf(filters));
        return send(request, writer, id -> new Unsubscribe(id, request.unsubscriptions), "UNSUBACK");
    }

    private Future<List<ReasonCode>> send(Pending request, PacketWriter writer,
                                          java.util.function.IntFunction<io.opifex.codec.packet.MqttPacket> packet,
                                          String awaited) {
        int packetId = packetIds.getAsInt();
        if (packetId == 0) {
            return Future.failedFuture(new MqttClientException("all 65535 packet ids are in use"));
        }
        pending.put(packetId, request);
        request.timer = vertx.setTimer(timeout.toMillis(), t -> {
            request.timer = NO_TIMER;
            request.promise.tryFail(new ClientTimeoutException("no " + awaited + " for packet " + packetId
                    + " within " + timeout.toMillis() + " ms"));
        });
        writer.send(packet.apply(packetId));
        return request.promise.future();
    }

    /** @return null when fine, else what is wrong with this SUBACK (a protocol violation) */
    String suback(Suback suback) {
        Pending request = pending.get(suback.packetId());
        if (request == null || request.subscriptions == null) {
            return "SUBACK for packet " + suback.packetId() + ", which is no pending SUBSCRIBE";
        }
        if (suback.reasonCodes().size() != request.subscriptions.size()) {
            // [MQTT-3.8.4-5] one return code per topic filter
            return "[MQTT-3.8.4-5] SUBACK has " + suback.reasonCodes().size() + " return codes for "
                    + request.subscriptions.size() + " topic filters";
        }
        finish(suback.packetId(), request);
        for (int i = 0; i < suback.reasonCodes().size(); i++) {
            if (!suback.reasonCodes().get(i).isError()) {
                granted.put(request.subscriptions.get(i).topicFilter(), request.subscriptions.get(i).qos());
            }
        }
        request.promise.tryComplete(suback.reasonCodes());
        return null;
    }

    String unsuback(int packetId) {
        Pending request = pending.get(packetId);
        if (request == null || request.unsubscriptions == null) {
            return "UNSUBACK for packet " + packetId + ", which is no pending UNSUBSCRIBE";
        }
        finish(packetId, request);
        request.unsubscriptions.forEach(granted::remove);
        request.promise.tryComplete(List.of());
        return null;
    }

    private void finish(int packetId, Pending request) {
        pending.remove(packetId);
        if (request.timer != NO_TIMER) {
            vertx.cancelTimer(request.timer);
        }
    }

    /** Whether a packet id is taken by a request waiting for its acknowledgement. */
    boolean holds(int packetId) {
        return pending.containsKey(packetId);
    }

    /** What to subscribe to again on a connection without session; empty when nothing was granted. */
    List<TopicSubscription> grantedSubscriptions() {
        List<TopicSubscription> all = new ArrayList<>();
        granted.forEach((filter, qos) -> all.add(new TopicSubscription(filter, qos)));
        return all;
    }

    /** The connection ended: requests are not resent (the caller decides), so they fail now. */
    void failPending(Throwable cause) {
        for (Map.Entry<Integer, Pending> entry : pending.entrySet()) {
            if (entry.getValue().timer != NO_TIMER) {
                vertx.cancelTimer(entry.getValue().timer);
            }
            entry.getValue().promise.tryFail(cause);
        }
        pending.clear();
    }
}
