package io.opifex.server.handler;

import io.opifex.codec.packet.Puback;
import io.opifex.codec.packet.Pubcomp;
import io.opifex.codec.packet.Pubrec;
import io.opifex.codec.packet.Pubrel;
import io.opifex.server.Broker;
import io.opifex.server.ServerConnection;
import org.jboss.logging.Logger;

/** PUBACK, PUBREC, PUBREL and PUBCOMP: the acknowledgement flows of QoS 1 and 2. */
public final class AckHandler {

    private static final Logger LOG = Logger.getLogger(AckHandler.class);

    private final Broker broker;

    public AckHandler(Broker broker) {
        this.broker = broker;
    }

    public void puback(ServerConnection client, Puback ack) {
        if (!client.session().acknowledge(ack.packetId(), broker.settings().maxInflight())) {
            unexpected(client, "PUBACK", ack.packetId());
        }
    }

    public void pubrec(ServerConnection client, Pubrec rec) {
        if (!client.session().received(rec.packetId())) {
            unexpected(client, "PUBREC", rec.packetId());
        }
        // answered even for an unknown id, so the client can finish its side of the flow [MQTT-4.3.3-1]
        client.connection().send(new Pubrel(rec.packetId()));
    }

    public void pubrel(ServerConnection client, Pubrel rel) {
        client.session().releaseInboundQos2(rel.packetId());
        client.connection().send(new Pubcomp(rel.packetId())); // [MQTT-4.3.3-2]
    }

    public void pubcomp(ServerConnection client, Pubcomp comp) {
        if (!client.session().completed(comp.packetId(), broker.settings().maxInflight())) {
            unexpected(client, "PUBCOMP", comp.packetId());
        }
    }

    private static void unexpected(ServerConnection client, String packet, int packetId) {
        LOG.debugf("client %s sent %s for packet id %d, which is not in flight: ignored",
                client.identity().clientId(), packet, packetId);
    }
}
