package io.opifex.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Range checks that types alone cannot express. Start-up stops on the first run with every problem listed, each
 * naming its key and the allowed values, so an operator fixes them in one go.
 */
public final class ConfigValidation {

    /** The protocol's own maximum packet size: 256 MiB minus one byte of remaining length. */
    static final int PROTOCOL_MAX_PACKET_SIZE = 268_435_455;
    static final int MAX_PORT = 65_535;
    /** Packet ids are 16 bits; the window must leave ids free for new messages. */
    static final int MAX_INFLIGHT = 65_535;
    static final int MAX_TOPIC_BYTES = 65_535;

    private final List<String> problems = new ArrayList<>();

    private ConfigValidation() {
    }

    /** @throws IllegalArgumentException listing every invalid key and what it allows */
    public static void check(OpifexConfig config) {
        ConfigValidation v = new ConfigValidation();
        v.range("opifex.tcp.port", config.tcp().port(), 0, MAX_PORT);
        config.tcp().instances().ifPresent(n -> v.range("opifex.tcp.instances", n, 1, 1024));
        OpifexConfig.Limits limits = config.limits();
        v.range("opifex.limits.max-packet-size", limits.maxPacketSize(), 2, PROTOCOL_MAX_PACKET_SIZE);
        v.positive("opifex.limits.connect-timeout", limits.connectTimeout());
        v.range("opifex.limits.max-client-id-length", limits.maxClientIdLength(), 23, MAX_TOPIC_BYTES);
        v.range("opifex.limits.max-connections", limits.maxConnections(), 1, Integer.MAX_VALUE);
        v.range("opifex.limits.max-inflight", limits.maxInflight(), 1, MAX_INFLIGHT);
        v.range("opifex.limits.max-queued-messages", limits.maxQueuedMessages(), 1, Integer.MAX_VALUE);
        v.range("opifex.limits.max-topic-length", limits.maxTopicLength(), 1, MAX_TOPIC_BYTES);
        v.range("opifex.limits.max-topic-levels", limits.maxTopicLevels(), 1, MAX_TOPIC_BYTES);
        v.range("opifex.limits.max-subscriptions-per-client", limits.maxSubscriptionsPerClient(), 1,
                Integer.MAX_VALUE);
        v.range("opifex.limits.write-queue-high-water", limits.writeQueueHighWater(), 1, Integer.MAX_VALUE);
        v.positive("opifex.limits.max-publisher-pause", limits.maxPublisherPause());
        v.positive("opifex.sys.interval", config.sys().interval());
        v.positive("opifex.shutdown.drain-timeout", config.shutdown().drainTimeout());
        v.range("opifex.shutdown.disconnect-rate", config.shutdown().disconnectRate(), 1, Integer.MAX_VALUE);
        v.positive("opifex.health.heartbeat-interval", config.health().heartbeatInterval());
        if (config.health().blockedLoopThreshold().compareTo(config.health().heartbeatInterval()) <= 0) {
            v.problems.add("opifex.health.blocked-loop-threshold must be longer than opifex.health.heartbeat-interval"
                    + " (" + config.health().heartbeatInterval() + "), was " + config.health().blockedLoopThreshold());
        }
        for (int i = 0; i < config.authorization().size(); i++) {
            String topic = config.authorization().get(i).topicFilter();
            String violation = io.opifex.codec.Topics.validateTopicFilter(topic);
            if (violation != null) {
                v.problems.add("opifex.authorization[" + i + "].topic must be a valid topic filter, was '" + topic
                        + "': " + violation);
            }
        }
        if (!v.problems.isEmpty()) {
            throw new IllegalArgumentException("invalid configuration:\n  " + String.join("\n  ", v.problems));
        }
    }

    private void range(String key, long value, long min, long max) {
        if (value < min || value > max) {
            problems.add(key + " must be between " + min + " and " + max + ", was " + value);
        }
    }

    private void positive(String key, Duration value) {
        if (value.isNegative() || value.isZero()) {
            problems.add(key + " must be a positive duration (e.g. 10s), was " + value);
        }
    }
}
