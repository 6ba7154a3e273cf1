package io.opifex.testing;

import io.opifex.codec.MqttEncoder;
import io.opifex.codec.packet.Connect;
import io.opifex.codec.packet.MqttPacket;
import io.opifex.codec.packet.ProtocolVersion;

/** Test shorthand for well-formed packets as bytes. */
public final class Packets {

    private Packets() {
    }

    public static byte[] bytes(MqttPacket packet) {
        return MqttEncoder.encode(packet).getBytes();
    }

    public static byte[] connect(String clientId, boolean cleanSession, int keepAlive) {
        return bytes(new Connect(ProtocolVersion.MQTT_3_1_1, clientId, cleanSession, keepAlive, null, null, null));
    }
}
