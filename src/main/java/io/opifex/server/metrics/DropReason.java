package io.opifex.server.metrics;

/** Why a message did not reach a subscriber; bounded, so it can label a metric. */
public enum DropReason {
    /** The session's queue was at its limit. */
    QUEUE_FULL,
    /** A QoS 0 message for a client whose socket is not draining its write queue. */
    SLOW_CONSUMER,
    /** A QoS 0 message for an offline persistent session: only QoS 1 and 2 are kept [MQTT-3.1.2-5]. */
    OFFLINE_QOS0,
    /** The authorization rules refused the publish. */
    NOT_AUTHORIZED,
    /** No subscription matched the topic. */
    NO_SUBSCRIBERS
}
