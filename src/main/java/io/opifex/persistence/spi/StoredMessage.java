package io.opifex.persistence.spi;

import java.util.Arrays;
import java.util.Objects;

/**
 * An application message as the store keeps it: queued for an offline session, in flight, or retained.
 *
 * <p>{@code messageId} is assigned by the broker, once per application message it accepts, and is unique within
 * one store. The same message fanned out to several sessions keeps its id (a durable backend may store the payload
 * once per id); the store never generates, reorders by, or deduplicates on it.
 *
 * <p>{@code qos} is the QoS at which the holder receives it: for queued and in-flight messages the QoS granted to
 * that session (the minimum of publish and subscription QoS), for retained messages the QoS it was published with.
 *
 * <p>The payload array is shared, never copied: callers must not mutate it after handing it over.
 */
public record StoredMessage(long messageId, String topic, byte[] payload, QoSLevel qos, boolean retain,
        long createdAtMillis) {

    public StoredMessage {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(qos, "qos");
    }

    /** The same message delivered at another QoS, e.g. downgraded to a subscription's maximum. */
    public StoredMessage withQos(QoSLevel newQos) {
        return newQos == qos ? this : new StoredMessage(messageId, topic, payload, newQos, retain, createdAtMillis);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StoredMessage m && messageId == m.messageId && topic.equals(m.topic) && qos == m.qos
                && retain == m.retain && createdAtMillis == m.createdAtMillis && Arrays.equals(payload, m.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(messageId, topic, qos, retain, createdAtMillis, Arrays.hashCode(payload));
    }

    @Override
    public String toString() {
        return "StoredMessage[messageId=" + messageId + ", topic=" + topic + ", qos=" + qos + ", retain=" + retain
                + ", createdAtMillis=" + createdAtMillis + ", payload=" + payload.length + " bytes]";
    }
}
