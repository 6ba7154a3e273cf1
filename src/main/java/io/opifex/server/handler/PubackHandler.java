package io.opifex.server.handler;

import io.opifex.codec.packet.Puback;
import io.opifex.server.port.Client;

/** PUBACK: a QoS 1 delivery to the client is complete [MQTT-4.3.2-1]. */
public final class PubackHandler implements PacketHandler<Puback> {

    @Override
    public void handle(Client client, Puback ack) {
        if (!client.session().acknowledged(ack.packetId())) {
            UnexpectedAck.ignored(client, "PUBACK", ack.packetId());
        }
    }
}
