package io.opifex.server.e2e;

import static io.opifex.testing.Packets.connectWithWill;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.opifex.codec.packet.Connack;
import io.opifex.codec.packet.QoS;
import io.opifex.server.auth.AuthorizationRule;
import io.opifex.server.auth.AuthorizationRule.Action;
import io.opifex.server.auth.Authorizer;
import io.opifex.server.e2e.Paho.Collector;
import io.opifex.server.e2e.Paho.Received;
import io.opifex.testing.BrokerExtension;
import io.opifex.testing.EmbeddedBroker;
import io.opifex.testing.RawClient;
import java.time.Duration;
import java.util.List;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Authorization rules seen from real clients: refused filters, dropped publishes, filtered wildcards. */
class AuthorizationTest extends PahoClientTest {

    @RegisterExtension
    static final BrokerExtension broker = BrokerExtension.create().withAuthorizer(new Authorizer(List.of(
            new AuthorizationRule(false, Action.SUBSCRIBE, "test/nosubscribe", null),
            new AuthorizationRule(false, Action.SUBSCRIBE, "secret/#", null),
            new AuthorizationRule(false, Action.PUBLISH, "test/nopublish", null),
            new AuthorizationRule(false, Action.PUBLISH, "will/denied", null))));

    @Override
    protected EmbeddedBroker broker() {
        return broker.embedded();
    }


    @Test
    @DisplayName("[MQTT-3.9.3-1] [MQTT-3.8.4-5] a denied filter gets 0x80 in its place; the other filters of the same "
            + "SUBSCRIBE are granted")
    void deniedFilterGetsFailureCodeInPlace() throws Exception {
        Collector received = new Collector();
        MqttClient subscriber = connect("sub", received);

        int[] codes = subscriber.subscribeWithResponse(new String[] {"test/allowed", "test/nosubscribe", "test/other"},
                new int[] {1, 1, 2}).getGrantedQos();

        assertThat(codes).containsExactly(1, 0x80, 2);
        MqttClient publisher = connect("pub", null);
        Paho.publish(publisher, "test/nosubscribe", "denied", 2, false);
        Paho.publish(publisher, "test/other", "granted", 2, false);
        assertThat(received.next()).isEqualTo(new Received("test/other", "granted", 2, false, false));
    }

    @Test
    @DisplayName("[MQTT-3.3.5-2] a denied PUBLISH is acknowledged at QoS 1 and 2 and not delivered; the connection "
            + "stays open")
    void deniedPublishIsAcknowledgedAndDropped() throws Exception {
        Collector received = new Collector();
        MqttClient subscriber = connect("sub", received);
        Paho.subscribe(subscriber, "test/+", 2);
        MqttClient publisher = connect("pub", null);

        for (int qos = 0; qos <= 2; qos++) {
            Paho.publish(publisher, "test/nopublish", "denied " + qos, qos, false); // returns on PUBACK / PUBCOMP
        }
        Paho.publish(publisher, "test/fence", "fence", 2, false);

        assertThat(received.untilFence("test/fence")).isEmpty();
        assertThat(publisher.isConnected()).isTrue();
    }

    @Test
    @DisplayName("[MQTT-4.7.2-1] a subscription to '#' does not receive topics a deny-subscribe rule covers")
    void wildcardSubscriptionSkipsDeniedTopics() throws Exception {
        Collector received = new Collector();
        MqttClient subscriber = connect("sub", received);
        assertThat(Paho.subscribe(subscriber, "#", 1)).containsExactly(1);
        MqttClient publisher = connect("pub", null);

        for (String topic : List.of("secret", "secret/a", "test/nosubscribe", "public/a", "secret/a/b", "test/ok")) {
            Paho.publish(publisher, topic, topic, 1, false);
        }
        Paho.publish(publisher, "fence/auth", "fence", 2, false);

        assertThat(received.untilFence("fence/auth")).extracting(Received::topic)
                .containsExactly("public/a", "test/ok");
    }

    @Test
    @DisplayName("[MQTT-3.1.2-8] a will to a topic the client may not publish to is not published")
    void willIsAuthorizedLikeAPublish() throws Exception {
        Collector received = new Collector();
        MqttClient subscriber = connect("sub", received);
        Paho.subscribe(subscriber, "will/+", 2);
        try (RawClient denied = new RawClient(broker.port()); RawClient allowed = new RawClient(broker.port())) {
            denied.send(connectWithWill("will-denied", 60, "will/denied", "no", QoS.AT_LEAST_ONCE, false));
            denied.read(Connack.class);
            allowed.send(connectWithWill("will-allowed", 60, "will/allowed", "yes", QoS.AT_LEAST_ONCE, false));
            allowed.read(Connack.class);
            denied.close();
            // the broker handles the first drop before the second: a will from it would come first
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> broker.broker().stats().clientsConnected() == 2);
            allowed.close();
        }
        assertThat(received.next()).isEqualTo(new Received("will/allowed", "yes", 1, false, false));
    }
}
