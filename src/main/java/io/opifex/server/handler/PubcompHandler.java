package io.opifex.server.handler;

import io.opifex.codec.packet.Pubcomp;
import io.opifex.server.port.Client;

/** PUBCOMP: a QoS 2 delivery to the client is complete. */
public final class PubcompHandler implements PacketHandler<Pubcomp> {

    @Override
    public void handle(Client client, Pubcomp comp) {
        if (!client.session().completed(comp.packetId())) {
            UnexpectedAck.ignored(client, "PUBCOMP", comp.packetId());
        }
    }
}
