package io.opifex.server;

import io.opifex.server.session.SessionLimits;
import java.time.Duration;

/**
 * The protocol limits the broker enforces; the service maps them from configuration.
 *
 * @param maxConnections            connected clients beyond this get CONNACK 0x03
 * @param maxClientIdLength         longer client ids get CONNACK 0x02
 * @param maxInflight               outbound QoS 1/2 messages awaiting acknowledgement per client
 * @param maxQueuedMessages         messages queued per session beyond the in-flight window or while offline
 * @param maxTopicLength            longest topic name or filter in UTF-8 bytes
 * @param maxTopicLevels            most levels in a topic name or filter
 * @param maxSubscriptionsPerClient subscriptions beyond this get SUBACK 0x80
 * @param maxPublisherPause         longest a QoS 1/2 publisher is paused for congested subscribers
 */
public record BrokerSettings(int maxConnections, int maxClientIdLength, int maxInflight, int maxQueuedMessages,
                             int maxTopicLength, int maxTopicLevels, int maxSubscriptionsPerClient,
                             Duration maxPublisherPause) {

    /** What each session may hold. */
    public SessionLimits sessionLimits() {
        return new SessionLimits(maxInflight, maxQueuedMessages);
    }

    /** Defaults for tests and embedding. */
    public static BrokerSettings defaults() {
        return new BrokerSettings(100_000, 256, 32, 1000, 1024, 32, 1000, Duration.ofSeconds(1));
    }
}
