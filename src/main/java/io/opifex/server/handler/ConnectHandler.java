package io.opifex.server.handler;

import io.opifex.codec.packet.Connack;
import io.opifex.codec.packet.Connect;
import io.opifex.codec.packet.ConnectReturnCode;
import io.opifex.codec.packet.ProtocolVersion;
import io.opifex.codec.packet.ReasonCode;
import io.opifex.connection.CloseReason;
import io.opifex.server.Broker;
import io.opifex.server.ServerConnection;
import io.opifex.server.auth.ClientIdentity;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.logging.Logger;

/** CONNECT: client id rules and limits, then the session is claimed and CONNACK follows from the lifecycle. */
public final class ConnectHandler {

    private static final Logger LOG = Logger.getLogger(ConnectHandler.class);
    /** MQTT 3.1 (MQIsdp) limits client ids to 1-23 characters. */
    private static final int MQTT_3_1_MAX_CLIENT_ID = 23;
    private static final String GENERATED_ID_PREFIX = "opifex-";

    private final Broker broker;

    public ConnectHandler(Broker broker) {
        this.broker = broker;
    }

    public void handle(ServerConnection client, Connect connect) {
        String clientId = connect.clientId();
        boolean clean = connect.cleanSession();
        if (clientId.isEmpty()) {
            if (!clean || connect.protocolVersion() == ProtocolVersion.MQTT_3_1) {
                refuse(client, ReasonCode.CLIENT_IDENTIFIER_NOT_VALID, "empty client id needs clean session 1",
                        "MQTT-3.1.3-8");
                return;
            }
            clientId = generatedId(); // [MQTT-3.1.3-6]
        } else if (clientId.length() > maxClientIdLength(connect.protocolVersion())) {
            refuse(client, ReasonCode.CLIENT_IDENTIFIER_NOT_VALID, "client id longer than "
                    + maxClientIdLength(connect.protocolVersion()) + " characters", "MQTT-3.1.3-9");
            return;
        }
        if (broker.isDraining()) {
            refuse(client, ReasonCode.SERVER_UNAVAILABLE, "the broker is shutting down", null);
            return;
        }
        if (broker.stats().clientsConnected() >= broker.settings().maxConnections()) {
            refuse(client, ReasonCode.SERVER_UNAVAILABLE, "connection limit reached", null);
            return;
        }
        client.connecting(new ClientIdentity(clientId, connect.userName()), connect.will());
        broker.claim(client, clientId, clean, connect.keepAliveSeconds());
    }

    private int maxClientIdLength(ProtocolVersion version) {
        return version == ProtocolVersion.MQTT_3_1
                ? Math.min(MQTT_3_1_MAX_CLIENT_ID, broker.settings().maxClientIdLength())
                : broker.settings().maxClientIdLength();
    }

    private static String generatedId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return GENERATED_ID_PREFIX + Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong());
    }

    /**
     * A refused CONNECT gets CONNACK with the reason code, session present 0, and the close [MQTT-3.2.2-4]. The
     * metric is labelled with the 3.x return code the reason maps to, so its label values stay bounded and stable.
     */
    private void refuse(ServerConnection client, ReasonCode code, String reason, String specId) {
        LOG.debugf("refusing CONNECT from %s: %s%s", client.connection().remoteAddress(), reason,
                specId == null ? "" : " [" + specId + "]");
        broker.metrics().connectRefused(ConnectReturnCode.of(code));
        client.connection().send(new Connack(false, code));
        client.connection().close(CloseReason.CONNECT_REFUSED);
    }
}
