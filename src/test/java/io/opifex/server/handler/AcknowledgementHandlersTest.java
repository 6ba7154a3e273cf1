package io.opifex.server.handler;

import static org.assertj.core.api.Assertions.assertThat;

import io.opifex.codec.packet.Connack;
import io.opifex.codec.packet.Disconnect;
import io.opifex.codec.packet.Pingreq;
import io.opifex.codec.packet.Pingresp;
import io.opifex.codec.packet.Puback;
import io.opifex.codec.packet.Pubcomp;
import io.opifex.codec.packet.Pubrec;
import io.opifex.codec.packet.Pubrel;
import io.opifex.codec.packet.QoS;
import io.opifex.codec.packet.ReasonCode;
import io.opifex.codec.packet.Will;
import io.opifex.connection.CloseReason;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The small handlers: acknowledgements, PINGREQ, DISCONNECT and packets a client must not send. */
class AcknowledgementHandlersTest {

    private final FakeClient client = FakeClient.connected("client");

    @Test
    @DisplayName("[MQTT-4.3.3-1] PUBREC is answered with PUBREL, even for a packet id not in flight")
    void pubrecAnsweredAlways() {
        new PubrecHandler().handle(client, new Pubrec(12));
        assertThat(client.sent).containsExactly(new Pubrel(12));
        assertThat(client.closedWith).isNull();
    }

    @Test
    @DisplayName("[MQTT-4.3.3-2] PUBREL releases the inbound QoS 2 id and is answered with PUBCOMP")
    void pubrelReleasesTheId() {
        client.session.inboundQos2().arrived(4);
        new PubrelHandler().handle(client, new Pubrel(4));
        assertThat(client.sent).containsExactly(new Pubcomp(4));
        assertThat(client.session.inboundQos2().arrived(4)).as("the id may carry a new message").isTrue();
    }

    @Test
    @DisplayName("a PUBACK or PUBCOMP for nothing in flight is ignored: no answer, no close")
    void unexpectedAcknowledgementsAreIgnored() {
        new PubackHandler().handle(client, new Puback(3));
        new PubcompHandler().handle(client, new Pubcomp(3));
        assertThat(client.sent).isEmpty();
        assertThat(client.closedWith).isNull();
    }

    @Test
    @DisplayName("[MQTT-3.12.4-1] PINGREQ is answered with PINGRESP")
    void pingreq() {
        new PingreqHandler().handle(client, Pingreq.INSTANCE);
        assertThat(client.sent).containsExactly(Pingresp.INSTANCE);
    }

    @Test
    @DisplayName("[MQTT-3.14.4-3] DISCONNECT discards the will and closes the connection")
    void disconnectDiscardsTheWill() {
        client.will = new Will("w", new byte[0], QoS.AT_MOST_ONCE, false);
        new DisconnectHandler().handle(client, Disconnect.INSTANCE);
        assertThat(client.will).isNull();
        assertThat(client.closedWith).isEqualTo(CloseReason.CLIENT_DISCONNECT);
    }

    @Test
    @DisplayName("[MQTT-3.1.0-2] a second CONNECT, and packets only a server sends, close the connection")
    void violationsClose() {
        ProtocolViolation.secondConnect().handle(client, new Connack(false, ReasonCode.SUCCESS));
        assertThat(client.protocolErrorSpec).isEqualTo("MQTT-3.1.0-2");
        assertThat(client.closedWith).isEqualTo(CloseReason.PROTOCOL_ERROR);

        FakeClient other = FakeClient.connected("other");
        ProtocolViolation.serverOnly().handle(other, Pingresp.INSTANCE);
        assertThat(other.protocolError).isEqualTo("PINGRESP is never sent by a client");
        assertThat(other.closedWith).isEqualTo(CloseReason.PROTOCOL_ERROR);
    }
}
