package io.opifex.server.message;

import io.opifex.codec.packet.QoS;

/**
 * An application message as the broker routes it: one instance per PUBLISH received, shared by every subscriber.
 *
 * @param receivedNanos {@link System#nanoTime()} when it arrived, for the delivery-latency histogram
 */
public record Message(String topic, byte[] payload, QoS qos, boolean retain, long receivedNanos) {
}
