package io.opifex.persistence.spi;

import java.util.Objects;

/**
 * An outbound QoS 1 or 2 message sent to the client under {@code packetId} and not yet completely acknowledged.
 * On reconnect the broker resends it with DUP set, or just the PUBREL once the PUBREC has arrived [MQTT-4.4.0-1].
 */
public record InflightMessage(int packetId, StoredMessage message, Phase phase) {

    /** Which acknowledgement the broker is waiting for. */
    public enum Phase {
        /** QoS 1 PUBLISH sent. */
        AWAITING_PUBACK,
        /** QoS 2 PUBLISH sent. */
        AWAITING_PUBREC,
        /** QoS 2 PUBREC received and PUBREL sent; the message must not be delivered again. */
        AWAITING_PUBCOMP
    }

    public InflightMessage {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(phase, "phase");
        PacketIdRange.requireValid(packetId);
        QoSLevel expected = phase == Phase.AWAITING_PUBACK ? QoSLevel.AT_LEAST_ONCE : QoSLevel.EXACTLY_ONCE;
        if (message.qos() != expected) {
            throw new IllegalArgumentException(phase + " needs a " + expected + " message, was " + message.qos());
        }
    }

    /** The first phase of a message just sent at its QoS (1 or 2). */
    public static InflightMessage sent(int packetId, StoredMessage message) {
        Phase phase = message.qos() == QoSLevel.EXACTLY_ONCE ? Phase.AWAITING_PUBREC : Phase.AWAITING_PUBACK;
        return new InflightMessage(packetId, message, phase);
    }

    /** After PUBREC: wait for PUBCOMP. */
    public InflightMessage released() {
        return new InflightMessage(packetId, message, Phase.AWAITING_PUBCOMP);
    }
}
