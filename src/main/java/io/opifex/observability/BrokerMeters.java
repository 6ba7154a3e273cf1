package io.opifex.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opifex.codec.DecodeError;
import io.opifex.codec.packet.ConnectReturnCode;
import io.opifex.codec.packet.PacketType;
import io.opifex.codec.packet.QoS;
import io.opifex.connection.CloseReason;
import io.opifex.connection.ConnectionMetrics;
import io.opifex.server.BrokerMetrics;
import io.opifex.server.DropReason;
import io.opifex.server.SubscriptionRefusal;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The broker's Micrometer meters, Prometheus-named, with bounded labels only (never a client id or a topic).
 * Every counter is registered up front and looked up by enum ordinal: nothing is resolved per message.
 */
public final class BrokerMeters implements BrokerMetrics, ConnectionMetrics {

    private static final String PREFIX = "opifex.";

    private final MeterRegistry registry;
    private final Counter connectsAccepted;
    private final Counter[] connectsRefused;
    private final Counter[] disconnects;
    private final Counter[] received;
    private final Counter[] sent;
    private final Counter[] dropped;
    private final Counter[] packetsReceived;
    private final Counter[] packetsSent;
    private final Counter[] decodeErrors;
    private final Counter protocolViolations;
    private final Counter[] subscriptionsRefused;
    private final Counter publisherPauses;
    private final Counter bytesReceived;
    private final Counter bytesSent;
    private final Timer deliveryLatency;
    private final Timer storeWrites;
    private final Map<String, AtomicInteger> connections = new ConcurrentHashMap<>();

    public BrokerMeters(MeterRegistry registry) {
        this.registry = registry;
        connectsAccepted = connects("accepted");
        connectsRefused = perEnum(ConnectReturnCode.values(), c -> connects("rejected_" + label(c)));
        disconnects = perEnum(CloseReason.values(), r -> Counter.builder(PREFIX + "disconnects")
                .description("Connections ended, by reason").tag("reason", label(r)).register(registry));
        received = perEnum(QoS.values(), q -> Counter.builder(PREFIX + "messages.received")
                .description("PUBLISH packets received from clients").tag("qos", String.valueOf(q.value()))
                .register(registry));
        sent = perEnum(QoS.values(), q -> Counter.builder(PREFIX + "messages.sent")
                .description("PUBLISH packets sent to subscribers").tag("qos", String.valueOf(q.value()))
                .register(registry));
        dropped = perEnum(DropReason.values(), r -> Counter.builder(PREFIX + "messages.dropped")
                .description("Messages not delivered, by reason").tag("reason", label(r)).register(registry));
        packetsReceived = perEnum(PacketType.values(), t -> Counter.builder(PREFIX + "packets.received")
                .description("Control packets received").tag("type", label(t)).register(registry));
        packetsSent = perEnum(PacketType.values(), t -> Counter.builder(PREFIX + "packets.sent")
                .description("Control packets sent").tag("type", label(t)).register(registry));
        decodeErrors = perEnum(DecodeError.Reason.values(), r -> protocolErrors(label(r)));
        protocolViolations = protocolErrors("protocol_violation");
        subscriptionsRefused = perEnum(SubscriptionRefusal.values(), r -> Counter.builder(
                PREFIX + "subscriptions.refused").description("Topic filters answered with SUBACK 0x80, by reason")
                .tag("reason", label(r)).register(registry));
        publisherPauses = Counter.builder(PREFIX + "publisher.pauses")
                .description("Times a QoS 1/2 publisher stopped being read because its subscribers' queues filled")
                .register(registry);
        bytesReceived = Counter.builder(PREFIX + "bytes.received").description("Bytes read from client sockets")
                .register(registry);
        bytesSent = Counter.builder(PREFIX + "bytes.sent").description("Bytes written to client sockets")
                .register(registry);
        deliveryLatency = Timer.builder(PREFIX + "delivery.latency")
                .description("Time from a PUBLISH arriving to its copy being written to a subscriber")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(10_000))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry);
        storeWrites = Timer.builder(PREFIX + "store.write")
                .description("Time a write to the session or retained store took to complete")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(1_000))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry);
        connections(io.opifex.connection.tcp.TcpListenerVerticle.LISTENER_NAME);
    }

    /** Gauges read from live broker state; bound once the broker exists. */
    public void bindState(io.opifex.server.Broker broker) {
        var stats = broker.stats();
        Gauge.builder(PREFIX + "sessions", stats, s -> s.clientsConnected()).tag("state", "online")
                .description("Sessions by state").register(registry);
        Gauge.builder(PREFIX + "sessions", broker, b -> Math.max(0, b.sessionCount() - b.stats().clientsConnected()))
                .tag("state", "offline").description("Sessions by state").register(registry);
        Gauge.builder(PREFIX + "subscriptions", stats, s -> s.subscriptions())
                .description("Subscriptions of all sessions").register(registry);
        Gauge.builder(PREFIX + "retained.messages", broker, b -> b.retainedCount())
                .description("Topics with a retained message").register(registry);
        Gauge.builder(PREFIX + "queued.messages", stats, s -> s.queuedMessages())
                .description("QoS 1/2 messages waiting for a session's in-flight window or its return").register(registry);
        Gauge.builder(PREFIX + "queued.bytes", stats, s -> s.queuedBytes())
                .description("Payload bytes of the queued messages").baseUnit("bytes").register(registry);
        Gauge.builder(PREFIX + "inflight.messages", stats, s -> s.inflightMessages())
                .description("Outbound QoS 1/2 messages awaiting acknowledgement").register(registry);
    }

    /** opifex_build_info{version="..."} 1, the usual way to tell which build a pod runs. */
    public void registerBuildInfo(String version) {
        Gauge.builder(PREFIX + "build.info", () -> 1).tag("version", version)
                .description("The running build; always 1").register(registry);
    }

    private Counter connects(String result) {
        return Counter.builder(PREFIX + "connects").description("CONNECT packets, by result").tag("result", result)
                .register(registry);
    }

    private Counter protocolErrors(String kind) {
        return Counter.builder(PREFIX + "protocol.errors").description("Connections closed for bad input, by kind")
                .tag("kind", kind).register(registry);
    }

    private AtomicInteger connections(String listener) {
        return connections.computeIfAbsent(listener, l -> registry.gauge(PREFIX + "connections",
                java.util.List.of(io.micrometer.core.instrument.Tag.of("listener", l)), new AtomicInteger()));
    }

    private static <E extends Enum<E>> Counter[] perEnum(E[] values, java.util.function.Function<E, Counter> make) {
        Counter[] counters = new Counter[values.length];
        for (E value : values) {
            counters[value.ordinal()] = make.apply(value);
        }
        return counters;
    }

    private static String label(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public void connectAccepted() {
        connectsAccepted.increment();
    }

    @Override
    public void connectRefused(ConnectReturnCode returnCode) {
        connectsRefused[returnCode.ordinal()].increment();
    }

    @Override
    public void messageReceived(QoS qos) {
        received[qos.ordinal()].increment();
    }

    @Override
    public void messageSent(QoS qos, long latencyNanos) {
        sent[qos.ordinal()].increment();
        if (latencyNanos >= 0) {
            deliveryLatency.record(latencyNanos, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void messageDropped(DropReason reason) {
        dropped[reason.ordinal()].increment();
    }

    @Override
    public void subscriptionRefused(SubscriptionRefusal reason) {
        subscriptionsRefused[reason.ordinal()].increment();
    }

    @Override
    public void storeWrite(long nanos) {
        storeWrites.record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void publisherPaused() {
        publisherPauses.increment();
    }

    @Override
    public void protocolViolation() {
        protocolViolations.increment();
    }

    @Override
    public void connectionOpened(String listener) {
        connections(listener).incrementAndGet();
    }

    @Override
    public void connectionClosed(String listener, CloseReason reason) {
        connections(listener).decrementAndGet();
        disconnects[reason.ordinal()].increment();
    }

    @Override
    public void bytesReceived(int count) {
        bytesReceived.increment(count);
    }

    @Override
    public void bytesSent(int count) {
        bytesSent.increment(count);
    }

    @Override
    public void packetReceived(PacketType type) {
        packetsReceived[type.ordinal()].increment();
    }

    @Override
    public void packetSent(PacketType type) {
        packetsSent[type.ordinal()].increment();
    }

    @Override
    public void protocolError(DecodeError.Reason reason) {
        decodeErrors[reason.ordinal()].increment();
    }
}
