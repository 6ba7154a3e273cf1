package io.opifex.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.opifex.server.SysTopics;
import io.opifex.server.e2e.Paho.Collector;
import io.opifex.server.e2e.Paho.Received;
import io.opifex.codec.packet.Connack;
import io.opifex.codec.packet.Puback;
import io.opifex.codec.packet.QoS;
import io.opifex.testing.BrokerExtension;
import io.opifex.testing.EmbeddedBroker;
import io.opifex.testing.Packets;
import io.opifex.testing.RawClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Publish/subscribe end to end with Eclipse Paho: QoS, order, overlapping filters, wildcards, '$' topics. */
class PahoDeliveryTest extends PahoClientTest {

    @RegisterExtension
    static final BrokerExtension broker = BrokerExtension.create();

    @Override
    protected EmbeddedBroker broker() {
        return broker.embedded();
    }


    static List<Arguments> qosPairs() {
        List<Arguments> pairs = new ArrayList<>();
        for (int published = 0; published <= 2; published++) {
            for (int subscribed = 0; subscribed <= 2; subscribed++) {
                pairs.add(Arguments.of(published, subscribed));
            }
        }
        return pairs;
    }

    @ParameterizedTest(name = "[MQTT-3.8.4-6] [MQTT-3.3.5-1] published at QoS {0}, subscribed at QoS {1}: "
            + "delivered once at the lower of the two")
    @MethodSource("qosPairs")
    void deliversAtTheLowerQos(int publishedQos, int subscribedQos) throws Exception {
        String topic = "qos/" + publishedQos + "/" + subscribedQos;
        Collector received = new Collector();
        MqttClient subscriber = connect("sub", received);
        assertThat(Paho.subscribe(subscriber, topic, subscribedQos)).containsExactly(subscribedQos);
        Paho.subscribe(subscriber, topic + "/fence", 2);
        MqttClient publisher = connect("pub", null);

        Paho.publish(publisher, topic, "m", publishedQos, false);
        // the fence follows the message from the same publisher, so a second copy would arrive before it
        Paho.publish(publisher, topic + "/fence", "fence", 2, false);

        Received message = received.next();
        assertThat(message).isEqualTo(new Received(topic, "m", Math.min(publishedQos, subscribedQos), false, false));
        assertThat(received.untilFence(topic + "/fence")).as("no second copy").isEmpty();
    }

    @ParameterizedTest(name = "[MQTT-4.6.0-6] messages from one publisher at QoS {0} arrive in the order sent")
    @ValueSource(ints = {0, 1, 2})
    void keepsOrderPerQos(int qos) throws Exception {
        String topic = "order/" + qos;
        int count = 300;
        Collector received = new Collector();
        MqttClient subscriber = connect("order-sub", received);
        Paho.subscribe(subscriber, topic, qos);
        MqttClient publisher = connect("order-pub", null);

        for (int i = 0; i < count; i++) {
            Paho.publish(publisher, topic, String.valueOf(i), qos, false);
        }

        List<String> payloads = received.next(count).stream().map(Received::payload).toList();
        assertThat(payloads).containsExactlyElementsOf(IntStream.range(0, count).mapToObj(String::valueOf).toList());
    }

    @Test
    @DisplayName("[MQTT-3.3.5-1] overlapping subscriptions deliver one copy, at the highest QoS among them")
    void overlappingSubscriptionsDeliverOneCopyAtMaxQos() throws Exception {
        Collector received = new Collector();
        MqttClient subscriber = connect("overlap-sub", received);
        Paho.subscribe(subscriber, "overlap/#", 0);
        Paho.subscribe(subscriber, "overlap/+/x", 2);
        Paho.subscribe(subscriber, "overlap/a/x", 1);
        Paho.subscribe(subscriber, "fence/overlap", 2);
        MqttClient publisher = connect("overlap-pub", null);

        Paho.publish(publisher, "overlap/a/x", "one", 2, false);
        Paho.publish(publisher, "fence/overlap", "fence", 2, false);

        List<Received> before = received.untilFence("fence/overlap");
        assertThat(before).containsExactly(new Received("overlap/a/x", "one", 2, false, false));
    }

    @Test
    @DisplayName("[MQTT-4.7.1-3] '+' matches exactly one level, an empty one too, and not the levels below")
    void singleLevelWildcard() throws Exception {
        Collector received = new Collector();
        MqttClient subscriber = connect("plus-sub", received);
        Paho.subscribe(subscriber, "plus/+/end", 1);
        Paho.subscribe(subscriber, "fence/plus", 2);
        MqttClient publisher = connect("plus-pub", null);

        for (String topic : List.of("plus/a/end", "plus//end", "plus/a/b/end", "plus/end", "plus/a/end/more",
                "plus/b/end")) {
            Paho.publish(publisher, topic, topic, 1, false);
        }
        Paho.publish(publisher, "fence/plus", "fence", 2, false);

        assertThat(received.untilFence("fence/plus")).extracting(Received::topic)
                .containsExactly("plus/a/end", "plus//end", "plus/b/end");
    }

    @Test
    @DisplayName("[MQTT-4.7.1-2] '#' matches the parent level and any number of levels below")
    void multiLevelWildcard() throws Exception {
        Collector received = new Collector();
        MqttClient subscriber = connect("hash-sub", received);
        Paho.subscribe(subscriber, "hash/a/#", 1);
        Paho.subscribe(subscriber, "fence/hash", 2);
        MqttClient publisher = connect("hash-pub", null);

        for (String topic : List.of("hash/a", "hash/a/b", "hash/a/b/c/d", "hash/b", "hash", "hash/ab", "hash/a/")) {
            Paho.publish(publisher, topic, topic, 1, false);
        }
        Paho.publish(publisher, "fence/hash", "fence", 2, false);

        assertThat(received.untilFence("fence/hash")).extracting(Received::topic)
                .containsExactly("hash/a", "hash/a/b", "hash/a/b/c/d", "hash/a/");
    }

    @Test
    @DisplayName("[MQTT-4.7.2-1] topics starting with '$' are not matched by '#' or '+/...', but by '$SYS/#'")
    void dollarTopicsAreNotMatchedByLeadingWildcards() throws Exception {
        Collector everything = new Collector();
        MqttClient wildcard = connect("dollar-wild", everything);
        Paho.subscribe(wildcard, "#", 1);
        Paho.subscribe(wildcard, "+/broker/#", 1);
        Paho.subscribe(wildcard, "+/app", 1);
        Collector system = new Collector();
        MqttClient sys = connect("dollar-sys", system);
        Paho.subscribe(sys, "$SYS/#", 1);
        Paho.subscribe(sys, "$app/+", 1);
        Paho.subscribe(sys, "fence/dollar", 2);

        SysTopics sysTopics = new SysTopics(broker.broker(), "test");
        sysTopics.start(broker.vertx(), Duration.ofHours(1)); // publishes once now
        try {
            Received first = system.next();
            assertThat(first.topic()).startsWith(SysTopics.PREFIX);
            MqttClient publisher = connect("dollar-pub", null);
            Paho.publish(publisher, "$app/x", "app", 1, false);
            Paho.publish(publisher, "fence/dollar", "fence", 2, false);
            List<Received> sysRest = system.untilFence("fence/dollar");
            assertThat(sysRest).extracting(Received::topic).contains("$app/x");

            // '#' receives the fence (and nothing starting with '$') before it
            assertThat(everything.untilFence("fence/dollar")).isEmpty();
        } finally {
            sysTopics.stop(broker.vertx());
        }
    }

    @Test
    @DisplayName("[MQTT-3.10.4-2] after UNSUBACK the broker stops delivering for that filter")
    void unsubscribeStopsDelivery() throws Exception {
        Collector received = new Collector();
        MqttClient subscriber = connect("unsub-sub", received);
        Paho.subscribe(subscriber, "unsub/t", 1);
        Paho.subscribe(subscriber, "fence/unsub", 2);
        MqttClient publisher = connect("unsub-pub", null);
        Paho.publish(publisher, "unsub/t", "before", 1, false);
        assertThat(received.next().payload()).isEqualTo("before");

        subscriber.unsubscribe("unsub/t");
        Paho.publish(publisher, "unsub/t", "after", 1, false);
        Paho.publish(publisher, "fence/unsub", "fence", 2, false);

        assertThat(received.untilFence("fence/unsub")).isEmpty();
    }

    @Test
    @DisplayName("[MQTT-3.3.1-3] the DUP flag of a forwarded PUBLISH is set by the broker, not copied from the "
            + "incoming one")
    void dupIsNotForwarded() throws Exception {
        Collector received = new Collector();
        MqttClient subscriber = connect("dup-sub", received);
        Paho.subscribe(subscriber, "dup/t", 1);
        try (RawClient publisher = new RawClient(broker.port())) {
            publisher.send(Packets.connect(uniqueId("dup-pub"), true, 60));
            publisher.read(Connack.class);
            publisher.send(Packets.publish("dup/t", "resent by its publisher", QoS.AT_LEAST_ONCE, 5, true, false));
            assertThat(publisher.read(Puback.class).packetId()).isEqualTo(5);
        }
        assertThat(received.next()).isEqualTo(new Received("dup/t", "resent by its publisher", 1, false, false));
    }
}
