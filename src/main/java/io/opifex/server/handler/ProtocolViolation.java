package io.opifex.server.handler;

import io.opifex.codec.packet.MqttPacket;
import io.opifex.server.port.Client;

/** A packet a connected client must not send: the connection is closed as a protocol violation. */
public final class ProtocolViolation implements PacketHandler<MqttPacket> {

    /** Null when the reason is that only a server sends the packet. */
    private final String reason;
    private final String specId;

    private ProtocolViolation(String reason, String specId) {
        this.reason = reason;
        this.specId = specId;
    }

    /** A second CONNECT on one connection [MQTT-3.1.0-2]. */
    public static ProtocolViolation secondConnect() {
        return new ProtocolViolation("second CONNECT", "MQTT-3.1.0-2");
    }

    /** CONNACK, SUBACK, UNSUBACK, PINGRESP: only a server sends them; the specification names no rule id. */
    public static ProtocolViolation serverOnly() {
        return new ProtocolViolation(null, null);
    }

    @Override
    public void handle(Client client, MqttPacket packet) {
        client.protocolError(reason != null ? reason : packet.type() + " is never sent by a client", specId);
    }
}
