package io.opifex.testing;

import io.opifex.codec.MqttEncoder;
import io.opifex.codec.packet.Connect;
import io.opifex.codec.packet.MqttPacket;
import io.opifex.codec.packet.ProtocolVersion;
import io.opifex.codec.packet.Publish;
import io.opifex.codec.packet.QoS;
import io.opifex.codec.packet.Subscribe;
import io.opifex.codec.packet.TopicSubscription;
import io.opifex.codec.packet.Will;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Test shorthand for well-formed packets as bytes. */
public final class Packets {

    private Packets() {
    }

    /** The packet as a 3.1.1 client sends it (every raw test client speaks 3.1.1). */
    public static byte[] bytes(MqttPacket packet) {
        return MqttEncoder.encode(packet, ProtocolVersion.MQTT_3_1_1).getBytes();
    }

    public static byte[] connect(String clientId, boolean cleanSession, int keepAlive) {
        return bytes(new Connect(ProtocolVersion.MQTT_3_1_1, clientId, cleanSession, keepAlive, null, null, null));
    }

    public static byte[] connectWithWill(String clientId, int keepAlive, String willTopic, String willPayload,
                                         QoS willQos, boolean willRetain) {
        Will will = new Will(willTopic, willPayload.getBytes(StandardCharsets.UTF_8), willQos, willRetain);
        return bytes(new Connect(ProtocolVersion.MQTT_3_1_1, clientId, true, keepAlive, will, null, null));
    }

    public static byte[] subscribe(int packetId, String filter, QoS qos) {
        return bytes(new Subscribe(packetId, List.of(new TopicSubscription(filter, qos))));
    }

    public static byte[] publish(String topic, String payload, QoS qos, int packetId, boolean dup, boolean retain) {
        return bytes(new Publish(topic, qos, retain, dup, packetId, payload.getBytes(StandardCharsets.UTF_8)));
    }

    /** CONNACK accepted with the given session present flag. */
    public static String connackHex(boolean sessionPresent, int returnCode) {
        return String.format("2002%02x%02x", sessionPresent ? 1 : 0, returnCode);
    }
}
