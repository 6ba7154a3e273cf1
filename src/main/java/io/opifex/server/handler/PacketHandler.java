package io.opifex.server.handler;

import io.opifex.codec.packet.MqttPacket;
import io.opifex.server.port.Client;

/** Handles one type of packet from a connected client; runs on the client's event loop. */
@FunctionalInterface
public interface PacketHandler<P extends MqttPacket> {

    void handle(Client client, P packet);
}
