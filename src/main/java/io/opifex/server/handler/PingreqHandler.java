package io.opifex.server.handler;

import io.opifex.codec.packet.Pingreq;
import io.opifex.codec.packet.Pingresp;
import io.opifex.server.port.Client;

/** PINGREQ: answered with PINGRESP [MQTT-3.12.4-1]; that it arrived already counted for the keep-alive. */
public final class PingreqHandler implements PacketHandler<Pingreq> {

    @Override
    public void handle(Client client, Pingreq ping) {
        client.send(Pingresp.INSTANCE);
    }
}
