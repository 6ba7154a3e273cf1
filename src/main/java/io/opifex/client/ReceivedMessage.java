package io.opifex.client;

import io.opifex.codec.packet.QoS;
import java.nio.charset.StandardCharsets;

/**
 * An application message from the broker. The payload array is the client's own: handlers may keep it but should
 * not mutate it.
 *
 * @param dup the broker says it may have sent this before; QoS 2 duplicates are never handed over twice
 */
public record ReceivedMessage(String topic, byte[] payload, QoS qos, boolean retain, boolean dup) {

    public String payloadAsString() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "ReceivedMessage[topic=" + topic + ", qos=" + qos + ", retain=" + retain + ", dup=" + dup
                + ", payload=" + payload.length + " bytes]";
    }
}
