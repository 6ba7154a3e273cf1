package io.opifex.server.handler;

import io.opifex.codec.packet.Pubrec;
import io.opifex.codec.packet.Pubrel;
import io.opifex.server.port.Client;

/** PUBREC: the client has a QoS 2 delivery; the broker releases it with PUBREL [MQTT-4.3.3-1]. */
public final class PubrecHandler implements PacketHandler<Pubrec> {

    @Override
    public void handle(Client client, Pubrec rec) {
        if (!client.session().received(rec.packetId())) {
            UnexpectedAck.ignored(client, "PUBREC", rec.packetId());
        }
        // answered even for an unknown id, so the client can finish its side of the flow [MQTT-4.3.3-1]
        client.send(new Pubrel(rec.packetId()));
    }
}
