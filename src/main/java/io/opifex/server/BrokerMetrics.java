package io.opifex.server;

import io.opifex.codec.packet.ConnectReturnCode;
import io.opifex.codec.packet.QoS;

/** Events the broker counts; the service implements it with Micrometer, unit tests with nothing. */
public interface BrokerMetrics {

    BrokerMetrics NONE = new BrokerMetrics() {
    };

    default void connectAccepted() {
    }

    default void connectRefused(ConnectReturnCode returnCode) {
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
