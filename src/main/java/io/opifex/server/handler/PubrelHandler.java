package io.opifex.server.handler;

import io.opifex.codec.packet.Pubcomp;
import io.opifex.codec.packet.Pubrel;
import io.opifex.server.port.Client;

/** PUBREL: the client releases an inbound QoS 2 message; its packet id may be used again. */
public final class PubrelHandler implements PacketHandler<Pubrel> {

    @Override
    public void handle(Client client, Pubrel rel) {
        client.session().inboundQos2().released(rel.packetId());
        client.send(new Pubcomp(rel.packetId())); // [MQTT-4.3.3-2]
    }
}
