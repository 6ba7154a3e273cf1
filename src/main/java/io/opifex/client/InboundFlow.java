package io.opifex.client;

import io.opifex.codec.packet.Puback;
import io.opifex.codec.packet.Pubcomp;
import io.opifex.codec.packet.Publish;
import io.opifex.codec.packet.Pubrec;
import io.opifex.codec.packet.Pubrel;
import io.vertx.core.Handler;
import java.util.HashSet;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Messages from the broker. The handler sees a message before it is acknowledged (a crash in between means a
 * redelivery, never a loss); a QoS 2 message is handed over once, on its first PUBLISH, and its packet id is kept
 * until PUBREL so a resent PUBLISH is recognised as the same message (spec 4.3.3, method B).
 */
final class InboundFlow {

    private static final Logger LOG = Logger.getLogger(InboundFlow.class);

    /** QoS 2 packet ids received and PUBREC'd, waiting for PUBREL; part of the session state [MQTT-4.1.0-1]. */
    private final Set<Integer> awaitingRelease = new HashSet<>();
    /** Set from any thread, read on the loop. */
    private volatile Handler<ReceivedMessage> handler;

    void handler(Handler<ReceivedMessage> handler) {
        this.handler = handler;
    }

    void publish(Publish publish, PacketWriter writer) {
        switch (publish.qos()) {
            case AT_MOST_ONCE -> deliver(publish);
            case AT_LEAST_ONCE -> {
                deliver(publish);
                writer.send(new Puback(publish.packetId())); // [MQTT-4.3.2-2]
            }
            case EXACTLY_ONCE -> {
                if (awaitingRelease.add(publish.packetId())) {
                    deliver(publish);
                }
                writer.send(new Pubrec(publish.packetId())); // [MQTT-4.3.3-2], again for a duplicate
            }
        }
    }

    void pubrel(Pubrel pubrel, PacketWriter writer) {
        awaitingRelease.remove(pubrel.packetId());
        // answered even for an unknown id: the PUBCOMP may have been lost with an earlier connection
        writer.send(new Pubcomp(pubrel.packetId())); // [MQTT-4.3.3-2]
    }

    /** The broker has no session for us: ids it used before mean nothing any more. */
    void forget() {
        awaitingRelease.clear();
    }

    private void deliver(Publish publish) {
        Handler<ReceivedMessage> current = handler;
        if (current == null) {
            return;
        }
        try {
            current.handle(new ReceivedMessage(publish.topic(), publish.payload(), publish.qos(), publish.retain(),
                    publish.dup()));
        } catch (RuntimeException e) {
            // a failing handler must not break the acknowledgement flows of every other message
            LOG.warnf(e, "message handler failed on a message to %s", publish.topic());
        }
    }
}
