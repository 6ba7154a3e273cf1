package io.opifex.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.opifex.server.e2e.Paho.Collector;
import io.opifex.server.e2e.Paho.Received;
import io.opifex.testing.BrokerExtension;
import io.opifex.testing.EmbeddedBroker;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Retained messages end to end with Eclipse Paho. Every test uses its own topics. */
class RetainedMessagesTest extends PahoClientTest {

    @RegisterExtension
    static final BrokerExtension broker = BrokerExtension.create();

    @Override
    protected EmbeddedBroker broker() {
        return broker.embedded();
    }


    /**
     * A subscriber that has the fence topic, so "nothing else arrived" can be checked without sleeping. Fences
     * travel at QoS 2, which Paho hands to the application last (on PUBREL), so they overtake nothing.
     */
    private MqttClient subscriberWithFence(Collector collector, String fence) throws Exception {
        MqttClient subscriber = connect("sub", collector);
        Paho.subscribe(subscriber, fence, 2);
        return subscriber;
    }

    @Test
    @DisplayName("[MQTT-3.3.1-5] [MQTT-3.3.1-6] [MQTT-3.3.1-8] the last retained message per topic is sent to a new "
            + "subscription with RETAIN 1")
    void sendsLastRetainedPerTopicOnSubscribe() throws Exception {
        MqttClient publisher = connect("pub", null);
        Paho.publish(publisher, "stored/a", "a1", 1, true);
        Paho.publish(publisher, "stored/a", "a2", 1, true);
        Paho.publish(publisher, "stored/b", "b1", 1, true);
        Paho.publish(publisher, "stored/c", "not retained", 1, false);

        Collector received = new Collector();
        MqttClient subscriber = subscriberWithFence(received, "fence/stored");
        Paho.subscribe(subscriber, "stored/#", 1);
        Paho.publish(publisher, "fence/stored", "fence", 2, false);

        assertThat(received.untilFence("fence/stored")).containsExactlyInAnyOrder(
                new Received("stored/a", "a2", 1, true, false),
                new Received("stored/b", "b1", 1, true, false));
    }

    @Test
    @DisplayName("[MQTT-3.3.1-9] a retained message forwarded to an existing subscription has RETAIN 0")
    void forwardsRetainedPublishWithRetainCleared() throws Exception {
        Collector received = new Collector();
        MqttClient subscriber = connect("sub", received);
        Paho.subscribe(subscriber, "forwarded/t", 2);
        MqttClient publisher = connect("pub", null);

        Paho.publish(publisher, "forwarded/t", "live", 2, true);

        assertThat(received.next()).isEqualTo(new Received("forwarded/t", "live", 2, false, false));
    }

    @Test
    @DisplayName("[MQTT-3.3.1-10] [MQTT-3.3.1-11] an empty retained payload is forwarded and removes the retained "
            + "message, which is not replaced by an empty one")
    void emptyRetainedPayloadClearsAndIsForwarded() throws Exception {
        MqttClient publisher = connect("pub", null);
        Paho.publish(publisher, "cleared/t", "old", 1, true);
        Collector live = new Collector();
        MqttClient subscriber = connect("live", live);
        Paho.subscribe(subscriber, "cleared/t", 1);
        assertThat(live.next()).isEqualTo(new Received("cleared/t", "old", 1, true, false));

        Paho.publish(publisher, "cleared/t", "", 1, true);
        assertThat(live.next()).isEqualTo(new Received("cleared/t", "", 1, false, false));

        Collector late = new Collector();
        MqttClient lateSubscriber = subscriberWithFence(late, "fence/cleared");
        Paho.subscribe(lateSubscriber, "cleared/t", 1);
        Paho.publish(publisher, "fence/cleared", "fence", 2, false);
        assertThat(late.untilFence("fence/cleared")).as("no retained message left, not even an empty one").isEmpty();
    }

    @Test
    @DisplayName("[MQTT-3.3.1-12] a PUBLISH with RETAIN 0 neither replaces nor removes the retained message")
    void nonRetainedPublishLeavesRetainedAlone() throws Exception {
        MqttClient publisher = connect("pub", null);
        Paho.publish(publisher, "kept/t", "retained", 1, true);
        Paho.publish(publisher, "kept/t", "passing", 1, false);
        Paho.publish(publisher, "kept/t", "", 1, false);

        Collector received = new Collector();
        MqttClient subscriber = connect("sub", received);
        Paho.subscribe(subscriber, "kept/t", 1);

        assertThat(received.next()).isEqualTo(new Received("kept/t", "retained", 1, true, false));
    }

    @Test
    @DisplayName("[MQTT-3.3.1-7] a retained QoS 0 message replaces the retained message of its topic")
    void retainedQos0ReplacesPrevious() throws Exception {
        MqttClient publisher = connect("pub", null);
        Paho.publish(publisher, "replaced/t", "first", 2, true);
        Paho.publish(publisher, "replaced/t", "second", 0, true);
        // the QoS 0 publish has no acknowledgement: a later acknowledged one from the same client follows it
        Paho.publish(publisher, "replaced/sync", "sync", 1, false);

        Collector received = new Collector();
        MqttClient subscriber = subscriberWithFence(received, "fence/replaced");
        Paho.subscribe(subscriber, "replaced/t", 2);
        Paho.publish(publisher, "fence/replaced", "fence", 2, false);

        assertThat(received.untilFence("fence/replaced"))
                .containsExactly(new Received("replaced/t", "second", 0, true, false));
    }

    @Test
    @DisplayName("[MQTT-3.8.4-3] subscribing again with the same filter replaces the subscription and resends the "
            + "retained messages")
    void resubscribeReplacesAndResendsRetained() throws Exception {
        MqttClient publisher = connect("pub", null);
        Paho.publish(publisher, "again/t", "kept", 2, true);
        Collector received = new Collector();
        MqttClient subscriber = subscriberWithFence(received, "fence/again");
        Paho.subscribe(subscriber, "again/t", 1);
        assertThat(received.next()).isEqualTo(new Received("again/t", "kept", 1, true, false));

        Paho.subscribe(subscriber, "again/t", 2);
        assertThat(received.next()).isEqualTo(new Received("again/t", "kept", 2, true, false));

        Paho.publish(publisher, "again/t", "new", 2, false);
        Paho.publish(publisher, "fence/again", "fence", 2, false);
        assertThat(received.untilFence("fence/again")).as("one subscription, now at QoS 2")
                .containsExactly(new Received("again/t", "new", 2, false, false));
    }

    @Test
    @DisplayName("[MQTT-3.8.4-6] a retained message is sent at the lower of its stored QoS and the granted QoS")
    void retainedQosIsMinOfStoredAndGranted() throws Exception {
        MqttClient publisher = connect("pub", null);
        Paho.publish(publisher, "minqos/high", "stored at 2", 2, true);
        Paho.publish(publisher, "minqos/low", "stored at 1", 1, true);

        Collector atOne = new Collector();
        MqttClient subscriberAtOne = connect("sub1", atOne);
        Paho.subscribe(subscriberAtOne, "minqos/high", 1);
        assertThat(atOne.next()).isEqualTo(new Received("minqos/high", "stored at 2", 1, true, false));

        Collector atTwo = new Collector();
        MqttClient subscriberAtTwo = connect("sub2", atTwo);
        Paho.subscribe(subscriberAtTwo, "minqos/low", 2);
        assertThat(atTwo.next()).isEqualTo(new Received("minqos/low", "stored at 1", 1, true, false));

        Collector atZero = new Collector();
        MqttClient subscriberAtZero = connect("sub0", atZero);
        Paho.subscribe(subscriberAtZero, "minqos/high", 0);
        assertThat(atZero.next()).isEqualTo(new Received("minqos/high", "stored at 2", 0, true, false));
    }
}
