package io.opifex.server;

import io.opifex.codec.packet.QoS;
import io.opifex.server.message.Message;
import io.opifex.server.metrics.BrokerStats;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Publishes the broker's statistics under {@code $SYS/broker/...}, retained, the way Mosquitto names them, so
 * existing dashboards and {@code mosquitto_sub -t '$SYS/#'} work. Topics starting with '$' are not matched by a
 * leading wildcard [MQTT-4.7.2-1], so only clients that ask for them get them.
 */
public final class SysTopics {

    public static final String PREFIX = "$SYS/broker/";

    private final Broker broker;
    private final String version;
    private long timer = -1;

    public SysTopics(Broker broker, String version) {
        this.broker = broker;
        this.version = version;
    }

    /** Publishes now and then every {@code interval}, on an event loop of {@code vertx}. */
    public void start(Vertx vertx, Duration interval) {
        vertx.runOnContext(v -> {
            publishAll();
            timer = vertx.setPeriodic(interval.toMillis(), id -> publishAll());
        });
    }

    public void stop(Vertx vertx) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    Map<String, String> snapshot() {
        BrokerStats stats = broker.stats();
        Map<String, String> values = new LinkedHashMap<>();
        values.put("version", "opifex " + version);
        values.put("uptime", stats.uptimeSeconds() + " seconds");
        values.put("clients/connected", String.valueOf(stats.clientsConnected()));
        values.put("clients/total", String.valueOf(broker.sessionCount()));
        values.put("clients/disconnected", String.valueOf(Math.max(0,
                broker.sessionCount() - stats.clientsConnected())));
        values.put("messages/received", String.valueOf(stats.messagesReceived()));
        values.put("messages/sent", String.valueOf(stats.messagesSent()));
        values.put("messages/dropped", String.valueOf(stats.messagesDropped()));
        values.put("messages/inflight", String.valueOf(stats.inflightMessages()));
        values.put("store/messages/count", String.valueOf(stats.queuedMessages()));
        values.put("subscriptions/count", String.valueOf(stats.subscriptions()));
        values.put("retained messages/count", String.valueOf(broker.retainedCount()));
        return values;
    }

    private void publishAll() {
        long now = System.nanoTime();
        for (Map.Entry<String, String> entry : snapshot().entrySet()) {
            broker.routing().publish(new Message(PREFIX + entry.getKey(),
                    entry.getValue().getBytes(StandardCharsets.UTF_8), QoS.AT_MOST_ONCE, true, now), null);
        }
    }
}
