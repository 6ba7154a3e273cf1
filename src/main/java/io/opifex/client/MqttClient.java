package io.opifex.client;

import io.opifex.codec.Topics;
import io.opifex.codec.packet.QoS;
import io.opifex.codec.packet.TopicSubscription;
import io.opifex.connection.Connector;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * An asynchronous MQTT 3.1.1 / 3.1 client on Vert.x.
 *
 * <pre>{@code
 * MqttClient client = MqttClient.create(vertx, MqttClientOptions.builder().host("broker").port(1883).build(),
 *         new TcpConnector(vertx));
 * client.messageHandler(m -> System.out.println(m.topic() + " " + m.payloadAsString()));
 * client.connect()
 *       .compose(ack -> client.subscribe(Map.of("sensors/#", QoS.AT_LEAST_ONCE)))
 *       .compose(granted -> client.publish("sensors/1", "21.5", QoS.EXACTLY_ONCE, false));
 * }</pre>
 *
 * <p>Every method may be called from any thread: the client's state lives on one event loop (the context it was
 * created on, or a new one) and calls from elsewhere hop onto it. Handlers and future callbacks run on that loop:
 * they must not block. Every future completes, at the latest when its timeout ends. Handlers are set at once,
 * from any thread (a hop onto the loop could lose the race with packets already arriving on it).
 */
public final class MqttClient {

    private final Context context;
    private final ClientCore core;
    private final MqttClientOptions options;
    /** The event loop thread of {@link #context}, learned on its first task; until then every call hops. */
    private volatile Thread owner;

    private MqttClient(Vertx vertx, MqttClientOptions options, Connector connector) {
        this.options = options;
        this.context = vertx.getOrCreateContext();
        this.core = new ClientCore(vertx, options, connector);
        context.runOnContext(v -> owner = Thread.currentThread());
    }

    /**
     * @param connector opens the stream to the broker (TCP, later TLS or WebSocket); the client owns it and closes
     *                  it when it is closed for good, so give each client its own
     */
    public static MqttClient create(Vertx vertx, MqttClientOptions options, Connector connector) {
        return new MqttClient(Objects.requireNonNull(vertx, "vertx"), Objects.requireNonNull(options, "options"),
                Objects.requireNonNull(connector, "connector"));
    }

    /** Connects once; fails on a refusal, a timeout or an unreachable broker. Reconnects happen on their own. */
    public Future<ConnectResult> connect() {
        return onLoop(core::connect);
    }

    /**
     * Completes when the message is written (QoS 0), acknowledged by PUBACK (QoS 1) or by PUBCOMP (QoS 2). QoS 1/2
     * messages beyond the in-flight window wait in a bounded queue, also while reconnecting; a full queue fails
     * with {@link PublishQueueFullException}.
     */
    public Future<Void> publish(String topic, byte[] payload, QoS qos, boolean retain) {
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(qos, "qos");
        Topics.Violation violation = Topics.topicNameViolation(Objects.requireNonNull(topic, "topic"));
        if (violation != null) {
            return Future.failedFuture(new IllegalArgumentException("cannot publish to '" + topic + "': "
                    + violation));
        }
        byte[] copy = payload.clone(); // the caller may reuse its array before the message is sent
        return onLoop(() -> core.publish(topic, copy, qos, retain));
    }

    public Future<Void> publish(String topic, String payload, QoS qos, boolean retain) {
        return publish(topic, payload.getBytes(StandardCharsets.UTF_8), qos, retain);
    }

    /**
     * Subscribes to every filter in one SUBSCRIBE, in the map's iteration order.
     *
     * @return the SUBACK return codes in that order: the granted QoS (0-2) or 0x80 for a refused filter
     */
    public Future<List<Integer>> subscribe(Map<String, QoS> filters) {
        if (filters.isEmpty()) {
            return Future.failedFuture(new IllegalArgumentException("[MQTT-3.8.3-3] subscribe to at least one filter"));
        }
        List<TopicSubscription> subscriptions = new ArrayList<>();
        for (Map.Entry<String, QoS> entry : new LinkedHashMap<>(filters).entrySet()) {
            Topics.Violation violation = Topics.topicFilterViolation(entry.getKey());
            if (violation != null) {
                return Future.failedFuture(new IllegalArgumentException("cannot subscribe to '" + entry.getKey()
                        + "': " + violation));
            }
            subscriptions.add(new TopicSubscription(entry.getKey(), entry.getValue()));
        }
        return onLoop(() -> core.subscribe(subscriptions));
    }

    public Future<List<Integer>> subscribe(String filter, QoS qos) {
        return subscribe(Map.of(filter, qos));
    }

    /** Completes on UNSUBACK. */
    public Future<Void> unsubscribe(List<String> filters) {
        if (filters.isEmpty()) {
            return Future.failedFuture(new IllegalArgumentException(
                    "[MQTT-3.10.3-2] unsubscribe from at least one filter"));
        }
        for (String filter : filters) {
            Topics.Violation violation = Topics.topicFilterViolation(filter);
            if (violation != null) {
                return Future.failedFuture(new IllegalArgumentException("cannot unsubscribe from '" + filter
                        + "': " + violation));
            }
        }
        List<String> copy = List.copyOf(filters);
        return onLoop(() -> core.unsubscribe(copy));
    }

    public Future<Void> unsubscribe(String... filters) {
        return unsubscribe(List.of(filters));
    }

    /** Sends DISCONNECT (so the broker discards the will), closes, and fails whatever is still pending. */
    public Future<Void> disconnect() {
        return onLoop(core::disconnect);
    }

    /** Receives every application message, on the client's event loop, before it is acknowledged. */
    public MqttClient messageHandler(Handler<ReceivedMessage> handler) {
        core.messageHandler(handler);
        return this;
    }

    /**
     * Called once when the client is closed for good: with null after {@link #disconnect()}, else with the cause
     * (a protocol violation, a lost connection with reconnect off, a refused reconnect).
     */
    public MqttClient closeHandler(Handler<Throwable> handler) {
        core.closeHandler(handler);
        return this;
    }

    /** Called when an accepted connection is lost and a reconnect is about to be scheduled. */
    public MqttClient connectionLostHandler(Handler<Throwable> handler) {
        core.connectionLostHandler(handler);
        return this;
    }

    /** Called after each successful automatic reconnect. */
    public MqttClient reconnectHandler(Handler<ConnectResult> handler) {
        core.reconnectHandler(handler);
        return this;
    }

    public boolean isConnected() {
        return core.state() == ClientCore.State.CONNECTED;
    }

    public String clientId() {
        return options.clientId();
    }

    public MqttClientOptions options() {
        return options;
    }

    /** QoS 1/2 publishes sent and not yet fully acknowledged, and those waiting for the window; for monitoring. */
    public Future<OutboundCounts> outboundCounts() {
        return onLoop(() -> Future.succeededFuture(new OutboundCounts(core.inFlightCount(), core.queuedCount())));
    }

    /** @param inFlight QoS 1/2 publishes sent, not yet completely acknowledged; at most the configured window */
    public record OutboundCounts(int inFlight, int queued) {
    }

    private <T> Future<T> onLoop(Supplier<Future<T>> action) {
        if (Thread.currentThread() == owner) {
            return action.get();
        }
        Promise<T> promise = Promise.promise();
        context.runOnContext(v -> {
            try {
                action.get().onComplete(promise);
            } catch (RuntimeException e) {
                promise.fail(e);
            }
        });
        return promise.future();
    }
}
