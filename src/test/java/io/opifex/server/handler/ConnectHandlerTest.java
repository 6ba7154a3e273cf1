package io.opifex.server.handler;

import static org.assertj.core.api.Assertions.assertThat;

import io.opifex.codec.packet.Connack;
import io.opifex.codec.packet.Connect;
import io.opifex.codec.packet.ProtocolVersion;
import io.opifex.codec.packet.QoS;
import io.opifex.codec.packet.ReasonCode;
import io.opifex.codec.packet.Will;
import io.opifex.connection.CloseReason;
import io.opifex.server.metrics.BrokerMetrics;
import io.opifex.server.port.Client;
import io.opifex.server.port.Sessions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** CONNECT checks, without a socket: refusals answer CONNACK and close; an accepted CONNECT claims its session. */
class ConnectHandlerTest {

    private static final int MAX_CLIENT_ID = 30;

    private record Claim(String clientId, boolean clean, int keepAlive) {
    }

    private final List<Claim> claims = new ArrayList<>();
    private final Sessions sessions = (Client client, String id, boolean clean, int keepAlive) ->
            claims.add(new Claim(id, clean, keepAlive));
    private String refusal;
    private final ConnectHandler handler = new ConnectHandler(sessions, () -> refusal, BrokerMetrics.NONE,
            MAX_CLIENT_ID);
    private final FakeClient client = new FakeClient();

    private static Connect connect(ProtocolVersion version, String clientId, boolean clean) {
        return new Connect(version, clientId, clean, 60, null, null, null);
    }

    private void assertRefusedWith(ReasonCode code) {
        assertThat(client.sent).containsExactly(new Connack(false, code)); // [MQTT-3.2.2-4] session present 0
        assertThat(client.closedWith).isEqualTo(CloseReason.CONNECT_REFUSED);
        assertThat(claims).isEmpty();
    }

    @Test
    @DisplayName("[MQTT-3.1.3-8] an empty client id with clean session 0 gets CONNACK 0x02 and the close")
    void emptyIdNeedsCleanSession() {
        handler.handle(client, connect(ProtocolVersion.MQTT_3_1_1, "", false));
        assertRefusedWith(ReasonCode.CLIENT_IDENTIFIER_NOT_VALID);
    }

    @Test
    @DisplayName("[MQTT-3.1.3-6] an empty client id with clean session 1 gets an id of the broker's making")
    void emptyIdGetsAGeneratedOne() {
        handler.handle(client, connect(ProtocolVersion.MQTT_3_1_1, "", true));
        assertThat(claims).hasSize(1);
        assertThat(claims.get(0).clientId()).startsWith("opifex-").hasSizeGreaterThan("opifex-".length());
        assertThat(client.identity.clientId()).isEqualTo(claims.get(0).clientId());
    }

    @Test
    @DisplayName("MQTT 3.1 has no generated ids: an empty one is refused even with clean session 1")
    void emptyIdRefusedInMqtt31() {
        handler.handle(client, connect(ProtocolVersion.MQTT_3_1, "", true));
        assertRefusedWith(ReasonCode.CLIENT_IDENTIFIER_NOT_VALID);
    }

    @Test
    @DisplayName("[MQTT-3.1.3-9] a client id over the configured length gets CONNACK 0x02")
    void longIdRefused() {
        handler.handle(client, connect(ProtocolVersion.MQTT_3_1_1, "x".repeat(MAX_CLIENT_ID + 1), true));
        assertRefusedWith(ReasonCode.CLIENT_IDENTIFIER_NOT_VALID);
    }

    @Test
    @DisplayName("MQTT 3.1 allows client ids of 23 characters at most")
    void mqtt31IdsAreShort() {
        handler.handle(client, connect(ProtocolVersion.MQTT_3_1, "x".repeat(24), true));
        assertRefusedWith(ReasonCode.CLIENT_IDENTIFIER_NOT_VALID);
    }

    @Test
    @DisplayName("a broker that takes no new client (draining, full) answers CONNACK 0x03")
    void admissionRefusal() {
        refusal = "the broker is shutting down";
        handler.handle(client, connect(ProtocolVersion.MQTT_3_1_1, "c", true));
        assertRefusedWith(ReasonCode.SERVER_UNAVAILABLE);
    }

    @Test
    @DisplayName("an accepted CONNECT passes its will and identity to the connection, then claims the session")
    void acceptedConnectClaims() {
        Will will = new Will("last/words", new byte[] {1}, QoS.AT_LEAST_ONCE, false);
        handler.handle(client, new Connect(ProtocolVersion.MQTT_3_1_1, "device-1", false, 30, will, "user", null));
        assertThat(client.sent).as("CONNACK comes from the session registry").isEmpty();
        assertThat(client.will).isEqualTo(will);
        assertThat(client.identity.userName()).isEqualTo("user");
        assertThat(claims).containsExactly(new Claim("device-1", false, 30));
    }
}
