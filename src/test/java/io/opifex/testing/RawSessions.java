package io.opifex.testing;

import static io.opifex.testing.Packets.connackHex;
import static io.opifex.testing.Packets.connect;
import static io.opifex.testing.Packets.publish;
import static org.assertj.core.api.Assertions.assertThat;

import io.opifex.codec.packet.Connack;
import io.opifex.codec.packet.Pingresp;
import io.opifex.codec.packet.Publish;
import io.opifex.codec.packet.Pubcomp;
import io.opifex.codec.packet.Pubrec;
import io.opifex.codec.packet.Pubrel;
import io.opifex.codec.packet.QoS;
import io.opifex.codec.packet.ReasonCode;
import java.nio.charset.StandardCharsets;

/** Session-level steps on a {@link RawClient}, for tests that follow packet ids and in-flight state on the wire. */
public final class RawSessions {

    private RawSessions() {
    }

    /** A new session: CONNECT accepted, no session present. */
    public static RawClient connected(int port, String clientId, boolean clean) throws Exception {
        RawClient client = new RawClient(port);
        client.send(connect(clientId, clean, 60));
        Connack connack = client.read(Connack.class);
        assertThat(connack.reasonCode()).isEqualTo(ReasonCode.SUCCESS);
        assertThat(connack.sessionPresent()).isFalse();
        return client;
    }

    /** Clean session 0 again: the session, with whatever is still in flight, is present [MQTT-3.2.2-2]. */
    public static RawClient reconnected(int port, String clientId) throws Exception {
        RawClient client = new RawClient(port);
        client.send(connect(clientId, false, 60));
        assertThat(client.readPacketHex()).isEqualTo(connackHex(true, 0));
        return client;
    }

    /** One QoS 2 PUBLISH from a client, through PUBREC, PUBREL and PUBCOMP. */
    public static void publishExactlyOnce(RawClient publisher, String topic, String payload, int packetId)
            throws Exception {
        publisher.send(publish(topic, payload, QoS.EXACTLY_ONCE, packetId, false, false));
        assertThat(publisher.read(Pubrec.class).packetId()).isEqualTo(packetId);
        publisher.send(Packets.bytes(new Pubrel(packetId)));
        assertThat(publisher.read(Pubcomp.class).packetId()).isEqualTo(packetId);
    }

    /** PINGREQ as a fence: whatever the broker had to send before it arrives first. */
    public static void assertNothingElseBeforePing(RawClient client) throws Exception {
        client.sendHex("c000");
        assertThat(client.read()).as("nothing before the PINGRESP").isEqualTo(Pingresp.INSTANCE);
    }

    public static String text(Publish publish) {
        return new String(publish.payload(), StandardCharsets.UTF_8);
    }
}
