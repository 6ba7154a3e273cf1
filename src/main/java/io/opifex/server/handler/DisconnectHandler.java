package io.opifex.server.handler;

import io.opifex.codec.packet.Disconnect;
import io.opifex.connection.CloseReason;
import io.opifex.server.port.Client;

/** DISCONNECT: the client leaves politely; its will is discarded [MQTT-3.14.4-3] and the connection closed. */
public final class DisconnectHandler implements PacketHandler<Disconnect> {

    @Override
    public void handle(Client client, Disconnect disconnect) {
        client.discardWill();
        client.close(CloseReason.CLIENT_DISCONNECT);
    }
}
