package io.opifex.server.metrics;

/** Why a topic filter got SUBACK 0x80; bounded, so it can label a metric. */
public enum SubscriptionRefusal {
    /** Longer or deeper than the configured topic limits. */
    TOPIC_LIMIT,
    /** The client already has the configured maximum of subscriptions. */
    SUBSCRIPTION_LIMIT,
    /** The authorization rules deny it. */
    NOT_AUTHORIZED
}
