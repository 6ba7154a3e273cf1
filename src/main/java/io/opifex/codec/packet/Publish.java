package io.opifex.codec.packet;

import java.util.Arrays;
import java.util.Objects;

/**
 * PUBLISH. {@code packetId} is 0 for QoS 0 (the packet carries none) and 1-65535 otherwise.
 * The payload array is owned by the record and shared, never copied, when a message fans out: do not mutate it.
 */
public record Publish(String topic, QoS qos, boolean retain, boolean dup, int packetId, byte[] payload)
        implements MqttPacket {

    public Publish {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(qos, "qos");
        Objects.requireNonNull(payload, "payload");
        if (qos == QoS.AT_MOST_ONCE ? packetId != 0 : packetId < 1 || packetId > 0xFFFF) {
            throw new IllegalArgumentException("packet id " + packetId + " is not valid for " + qos);
        }
    }

    @Override
    public PacketType type() {
        return PacketType.PUBLISH;
    }

    public Publish withDelivery(QoS newQos, int newPacketId, boolean newRetain, boolean newDup) {
        return new Publish(topic, newQos, newRetain, newDup, newPacketId, payload);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Publish p && topic.equals(p.topic) && qos == p.qos && retain == p.retain && dup == p.dup
                && packetId == p.packetId && Arrays.equals(payload, p.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(topic, qos, retain, dup, packetId, Arrays.hashCode(payload));
    }

    @Override
    public String toString() {
        return "Publish[topic=" + topic + ", qos=" + qos + ", retain=" + retain + ", dup=" + dup + ", packetId="
                + packetId + ", payload=" + payload.length + " bytes]";
    }
}
