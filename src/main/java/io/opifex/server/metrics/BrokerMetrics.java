package io.opifex.server.metrics;

import io.opifex.codec.packet.ConnectReturnCode;
import io.opifex.codec.packet.QoS;

/**
 * Everything the broker counts, as events. {@link BrokerStats} keeps the live totals ($SYS, gauges) and passes the
 * counted events on to the meters the service exports; unit tests pass {@link #NONE}.
 */
public interface BrokerMetrics {

    BrokerMetrics NONE = new BrokerMetrics() {
    };

    /** A CONNECT was accepted and its CONNACK sent: one more client connected. */
    default void connectAccepted() {
    }

    default void connectRefused(ConnectReturnCode returnCode) {
    }

    /** A connected client's connection ended, for whatever reason. */
    default void clientDisconnected() {
    }

    default void messageReceived(QoS qos) {
    }

    /**
     * @param latencyNanos time from receipt to send for the first copy of a message written on an event loop; -1 for
     *     its further copies on that loop and for retained messages sent on subscribe
     */
    default void messageSent(QoS qos, long latencyNanos) {
    }

    default void messageDropped(DropReason reason) {
    }

    /** @param bytes the payload bytes those messages add (or, negative, remove) */
    default void queuedChanged(int messages, long bytes) {
    }

    default void inflightChanged(int messages) {
    }

    default void subscriptionsChanged(int subscriptions) {
    }

    /** A write to the session or retained store completed (or failed) after {@code nanos}. */
    default void storeWrite(long nanos) {
    }

    /** A publisher stopped being read because its subscribers' queues were filling. */
    default void publisherPaused() {
    }

    /** A topic filter answered with SUBACK 0x80. */
    default void subscriptionRefused(SubscriptionRefusal reason) {
    }

    /** A packet that decoded but broke the protocol: out of order, a second CONNECT, a topic over a limit. */
    default void protocolViolation() {
    }
}
