package io.opifex.server.e2e;

import static io.opifex.testing.Packets.connectWithWill;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.opifex.codec.packet.Connack;
import io.opifex.codec.packet.QoS;
import io.opifex.codec.packet.ReasonCode;
import io.opifex.server.e2e.Paho.Collector;
import io.opifex.server.e2e.Paho.Received;
import io.opifex.testing.BrokerExtension;
import io.opifex.testing.EmbeddedBroker;
import io.opifex.testing.RawClient;
import java.time.Duration;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Will messages: a byte-level client carries the will (so the test controls exactly how its connection ends), a Paho
 * client watches for it.
 */
class WillMessageTest extends PahoClientTest {

    /** Keep-alives expire when the test moves this broker's clock; the other clients' are 60 s, never reached. */
    @RegisterExtension
    static final BrokerExtension broker = BrokerExtension.create().withManualClock();

    @Override
    protected EmbeddedBroker broker() {
        return broker.embedded();
    }

    private Collector watch(String filter) throws Exception {
        Collector collector = new Collector();
        MqttClient watcher = Paho.connect(broker(), uniqueId("watcher"), true, collector);
        closeAfterTest(watcher);
        Paho.subscribe(watcher, filter, 2);
        return collector;
    }

    private RawClient withWill(String clientId, int keepAlive, String topic, String payload, QoS qos, boolean retain)
            throws Exception {
        RawClient client = new RawClient(broker.port());
        closeAfterTest(client);
        client.send(connectWithWill(clientId, keepAlive, topic, payload, qos, retain));
        assertThat(client.read(Connack.class).reasonCode()).isEqualTo(ReasonCode.SUCCESS);
        return client;
    }

    @Test
    @DisplayName("[MQTT-3.1.2-8] [MQTT-3.1.2-9] the will is published, at its QoS, when the socket drops without "
            + "DISCONNECT")
    void publishesWillWhenSocketDrops() throws Exception {
        Collector wills = watch("will/drop/#");
        RawClient client = withWill("will-drop", 60, "will/drop/a", "gone", QoS.AT_LEAST_ONCE, false);

        client.close();

        assertThat(wills.next()).isEqualTo(new Received("will/drop/a", "gone", 1, false, false));
    }

    @Test
    @DisplayName("[MQTT-3.1.2-8] the will is published when the keep-alive expires")
    void publishesWillOnKeepAliveExpiry() throws Exception {
        Collector wills = watch("will/keepalive");
        withWill("will-keepalive", 1, "will/keepalive", "silent", QoS.EXACTLY_ONCE, false);
        // the client sends nothing more: the broker gives up after 1.5 s [MQTT-3.1.2-24]
        broker.clock().advance(Duration.ofMillis(1500));

        assertThat(wills.next()).isEqualTo(new Received("will/keepalive", "silent", 2, false, false));
    }

    @Test
    @DisplayName("[MQTT-3.1.2-8] the will is published when the broker closes the connection for a malformed packet")
    void publishesWillOnMalformedPacket() throws Exception {
        Collector wills = watch("will/malformed");
        RawClient client = withWill("will-malformed", 60, "will/malformed", "bad bytes", QoS.AT_MOST_ONCE, false);

        client.sendHex("c100"); // PINGREQ with a reserved flag bit set [MQTT-2.2.2-2]

        assertThat(client.closedByBroker()).isTrue();
        assertThat(wills.next()).isEqualTo(new Received("will/malformed", "bad bytes", 0, false, false));
    }

    @Test
    @DisplayName("[MQTT-3.1.2-8] the will is published when the broker closes the connection for a second CONNECT")
    void publishesWillOnProtocolViolation() throws Exception {
        Collector wills = watch("will/violation");
        RawClient client = withWill("will-violation", 60, "will/violation", "twice", QoS.AT_LEAST_ONCE, false);

        client.send(connectWithWill("will-violation", 60, "will/violation", "twice", QoS.AT_LEAST_ONCE, false));

        assertThat(client.closedByBroker()).isTrue();
        assertThat(wills.next()).isEqualTo(new Received("will/violation", "twice", 1, false, false));
    }

    @Test
    @DisplayName("[MQTT-3.1.2-17] a will with RETAIN 1 is published as a retained message")
    void retainedWillIsStored() throws Exception {
        Collector live = watch("will/retained");
        RawClient client = withWill("will-retained", 60, "will/retained", "last words", QoS.AT_LEAST_ONCE, true);
        client.close();
        assertThat(live.next()).isEqualTo(new Received("will/retained", "last words", 1, false, false));

        Collector late = watch("will/retained");
        assertThat(late.next()).isEqualTo(new Received("will/retained", "last words", 1, true, false));
    }

    @Test
    @DisplayName("[MQTT-3.1.2-16] a will with RETAIN 0 is published but not retained")
    void nonRetainedWillIsNotStored() throws Exception {
        Collector live = watch("will/transient");
        RawClient client = withWill("will-transient", 60, "will/transient", "bye", QoS.AT_LEAST_ONCE, false);
        client.close();
        assertThat(live.next().payload()).isEqualTo("bye");

        Collector late = new Collector();
        MqttClient lateSubscriber = Paho.connect(broker(), uniqueId("late"), true, late);
        closeAfterTest(lateSubscriber);
        Paho.subscribe(lateSubscriber, "will/transient", 2);
        Paho.subscribe(lateSubscriber, "fence/transient", 2);
        Paho.publish(lateSubscriber, "fence/transient", "fence", 2, false);
        assertThat(late.untilFence("fence/transient")).isEmpty();
    }

    @Test
    @DisplayName("[MQTT-3.1.2-10] [MQTT-3.14.4-3] after DISCONNECT the will is discarded, not published")
    void noWillAfterDisconnect() throws Exception {
        Collector wills = watch("will/graceful/#");
        RawClient graceful = withWill("will-graceful", 60, "will/graceful/polite", "never", QoS.AT_LEAST_ONCE, false);
        RawClient dropped = withWill("will-dropped", 60, "will/graceful/dropped", "dropped", QoS.AT_LEAST_ONCE,
                false);

        graceful.sendHex("e000"); // DISCONNECT
        assertThat(graceful.closedByBroker()).isTrue();
        // the broker has handled the first close before the second one starts: a will from it would come first
        dropped.close();

        assertThat(wills.next()).isEqualTo(new Received("will/graceful/dropped", "dropped", 1, false, false));
    }

    /*
     * Takeover. [MQTT-3.1.4-2] makes the server close the existing connection; [MQTT-3.1.2-8] says the will "MUST be
     * published when the Network Connection is subsequently closed unless the Will Message has been deleted by the
     * Server on receipt of a DISCONNECT Packet". The old connection sent no DISCONNECT, so its will is published,
     * as Mosquitto does (MQTT 5 later made this explicit). The new connection's will is not.
     */
    @Test
    @DisplayName("[MQTT-3.1.4-2] [MQTT-3.1.2-8] on takeover the old connection's will is published")
    void publishesOldWillOnTakeover() throws Exception {
        Collector wills = watch("will/takeover/#");
        RawClient old = withWill("will-takeover", 60, "will/takeover/old", "replaced", QoS.AT_LEAST_ONCE, false);

        RawClient fresh = withWill("will-takeover", 60, "will/takeover/new", "not yet", QoS.AT_LEAST_ONCE, false);

        assertThat(old.closedByBroker()).isTrue();
        assertThat(wills.next()).isEqualTo(new Received("will/takeover/old", "replaced", 1, false, false));
        // the new connection still holds its own will, published when it drops
        fresh.close();
        assertThat(wills.next()).isEqualTo(new Received("will/takeover/new", "not yet", 1, false, false));
    }

    @Test
    @DisplayName("[MQTT-3.1.2-10] a will is published once: a reconnect after the drop does not publish it again")
    void willPublishedOnce() throws Exception {
        Collector wills = watch("will/once");
        RawClient first = withWill("will-once", 60, "will/once", "once", QoS.AT_LEAST_ONCE, false);
        first.close();
        assertThat(wills.next().payload()).isEqualTo("once");
        await().atMost(Duration.ofSeconds(30)).until(() -> broker.broker().sessionCount() <= 1);

        MqttClient again = Paho.connect(broker(), "will-once");
        closeAfterTest(again);
        Paho.publish(again, "will/once", "fence", 2, false);
        assertThat(wills.next().payload()).isEqualTo("fence");
    }
}
