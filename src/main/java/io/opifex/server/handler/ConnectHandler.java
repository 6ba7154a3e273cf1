package io.opifex.server.handler;

import io.opifex.codec.packet.Connack;
import io.opifex.codec.packet.Connect;
import io.opifex.codec.packet.ConnectReturnCode;
import io.opifex.codec.packet.ProtocolVersion;
import io.opifex.codec.packet.ReasonCode;
import io.opifex.connection.CloseReason;
import io.opifex.server.auth.ClientIdentity;
import io.opifex.server.metrics.BrokerMetrics;
import io.opifex.server.port.Admission;
import io.opifex.server.port.Client;
import io.opifex.server.port.Sessions;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.logging.Logger;

/** CONNECT: client id rules and limits; then the session is claimed, and CONNACK follows from the registry. */
public final class ConnectHandler implements PacketHandler<Connect> {

    private static final Logger LOG = Logger.getLogger(ConnectHandler.class);
    /** MQTT 3.1 (MQIsdp) limits client ids to 1-23 characters. */
    private static final int MQTT_3_1_MAX_CLIENT_ID = 23;
    private static final String GENERATED_ID_PREFIX = "opifex-";

    private final Sessions sessions;
    private final Admission admission;
    private final BrokerMetrics metrics;
    private final int maxClientIdLength;

    public ConnectHandler(Sessions sessions, Admission admission, BrokerMetrics metrics, int maxClientIdLength) {
        this.sessions = sessions;
        this.admission = admission;
        this.metrics = metrics;
        this.maxClientIdLength = maxClientIdLength;
    }

    @Override
    public void handle(Client client, Connect connect) {
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
        String refusal = admission.refusal();
        if (refusal != null) {
            refuse(client, ReasonCode.SERVER_UNAVAILABLE, refusal, null);
            return;
        }
        client.accepted(new ClientIdentity(clientId, connect.userName()), connect.will());
        sessions.claim(client, clientId, clean, connect.keepAliveSeconds());
    }

    private int maxClientIdLength(ProtocolVersion version) {
        return version == ProtocolVersion.MQTT_3_1 ? Math.min(MQTT_3_1_MAX_CLIENT_ID, maxClientIdLength)
                : maxClientIdLength;
    }

    private static String generatedId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return GENERATED_ID_PREFIX + Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong());
    }

    /**
     * A refused CONNECT gets CONNACK with the reason code, session present 0, and the close [MQTT-3.2.2-4]. The
     * metric is labelled with the 3.x return code the reason maps to, so its label values stay bounded and stable.
     */
    private void refuse(Client client, ReasonCode code, String reason, String specId) {
        LOG.debugf("refusing CONNECT from %s: %s%s", client.remoteAddress(), reason,
                specId == null ? "" : " [" + specId + "]");
        metrics.connectRefused(ConnectReturnCode.of(code));
        client.send(new Connack(false, code));
        client.close(CloseReason.CONNECT_REFUSED);
    }
}
