package io.opifex.server.handler;

import io.opifex.server.port.Client;
import org.jboss.logging.Logger;

/** An acknowledgement for a packet id with nothing in flight: harmless (a late duplicate), so logged and ignored. */
final class UnexpectedAck {

    private static final Logger LOG = Logger.getLogger(UnexpectedAck.class);

    private UnexpectedAck() {
    }

    static void ignored(Client client, String packet, int packetId) {
        LOG.debugf("client %s sent %s for packet id %d, which is not in flight: ignored", client.identity().clientId(),
                packet, packetId);
    }
}
