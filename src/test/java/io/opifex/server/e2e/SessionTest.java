package io.opifex.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.opifex.server.BrokerSettings;
import io.opifex.server.auth.Authorizer;
import io.opifex.server.e2e.Paho.Collector;
import io.opifex.server.e2e.Paho.Received;
import io.opifex.testing.BrokerExtension;
import io.opifex.testing.EmbeddedBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Persistent and clean sessions, takeover and the per-session queue limit, with Paho and HiveMQ clients. */
class SessionTest extends PahoClientTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @RegisterExtension
    static final BrokerExtension broker = BrokerExtension.create();

    @Override
    protected EmbeddedBroker broker() {
        return broker.embedded();
    }

    private MqttClient client(EmbeddedBroker on, String clientId, Collector collector) throws Exception {
        MqttClient client = closeAfterTest(Paho.client(on, clientId));
        if (collector != null) {
            client.setCallback(collector);
        }
        return client;
    }

    /** Connects and returns CONNACK's session present flag. */
    private static boolean connect(MqttClient client, boolean cleanSession) throws Exception {
        return client.connectWithResult(Paho.options(cleanSession)).getSessionPresent();
    }

    private MqttClient publisher(EmbeddedBroker on) throws Exception {
        MqttClient publisher = client(on, "publisher-" + System.nanoTime(), null);
        connect(publisher, true);
        return publisher;
    }

    /** Waits until the broker has every delivery acknowledged, so a takeover cannot legitimately resend one. */
    private static void awaitNothingInFlight(EmbeddedBroker on) {
        await().atMost(WAIT).until(() -> on.broker().stats().inflightMessages() == 0);
    }

    @Test
    @DisplayName("[MQTT-3.1.2-4] [MQTT-3.1.2-5] [MQTT-3.2.2-2] clean session 0 keeps subscriptions and QoS 1 and 2 "
            + "messages while offline, and CONNACK says session present")
    void persistentSessionQueuesWhileOffline() throws Exception {
        MqttClient first = client(broker(), "persistent", null);
        assertThat(connect(first, false)).as("[MQTT-3.2.2-3] no session stored yet").isFalse();
        Paho.subscribe(first, "offline/one", 1);
        Paho.subscribe(first, "offline/two", 2);
        Paho.subscribe(first, "offline/zero", 0);
        Paho.subscribe(first, "fence/offline", 2);
        first.disconnect();
        first.close();
        await().atMost(WAIT).until(() -> broker.broker().stats().clientsConnected() == 0);

        MqttClient publisher = publisher(broker());
        for (int i = 0; i < 5; i++) {
            Paho.publish(publisher, "offline/one", "one-" + i, 1, false);
            Paho.publish(publisher, "offline/two", "two-" + i, 2, false);
            Paho.publish(publisher, "offline/zero", "zero-" + i, 0, false);
        }
        Paho.publish(publisher, "fence/offline", "queued fence", 2, false);

        Collector received = new Collector();
        MqttClient again = client(broker(), "persistent", received);
        assertThat(connect(again, false)).as("session present").isTrue();
        List<Received> queued = received.untilFence("fence/offline");
        assertThat(queued).as("QoS 0 is not queued for an offline client").noneMatch(r -> r.qos() == 0);
        assertThat(queued.stream().filter(r -> r.qos() == 1).map(Received::payload))
                .containsExactly("one-0", "one-1", "one-2", "one-3", "one-4");
        assertThat(queued.stream().filter(r -> r.qos() == 2).map(Received::payload))
                .containsExactly("two-0", "two-1", "two-2", "two-3", "two-4");

        // the subscriptions are still there without subscribing again
        Paho.publish(publisher, "offline/zero", "zero-online", 0, false);
        Paho.publish(publisher, "fence/offline", "live fence", 2, false);
        assertThat(received.untilFence("fence/offline")).extracting(Received::payload).containsExactly("zero-online");

        again.disconnect();
        MqttClient cleanUp = client(broker(), "persistent", null);
        connect(cleanUp, true);
    }

    @Test
    @DisplayName("[MQTT-3.1.2-6] [MQTT-3.2.2-1] clean session 1 discards the stored session: no subscriptions, no "
            + "queued messages, session present 0")
    void cleanSessionDiscardsState() throws Exception {
        MqttClient first = client(broker(), "discarded", null);
        connect(first, false);
        Paho.subscribe(first, "discarded/t", 1);
        first.disconnect();
        first.close();
        await().atMost(WAIT).until(() -> broker.broker().stats().clientsConnected() == 0);
        MqttClient publisher = publisher(broker());
        Paho.publish(publisher, "discarded/t", "queued for the old session", 1, false);

        Collector received = new Collector();
        MqttClient clean = client(broker(), "discarded", received);
        assertThat(connect(clean, true)).as("session present").isFalse();
        Paho.subscribe(clean, "fence/discarded", 2);
        Paho.publish(publisher, "discarded/t", "after clean connect", 1, false);
        Paho.publish(publisher, "fence/discarded", "fence", 2, false);
        assertThat(received.untilFence("fence/discarded")).as("neither queued nor new messages").isEmpty();
        clean.disconnect();
        clean.close();

        // and a clean session does not outlive its connection [MQTT-3.1.2-6]
        MqttClient later = client(broker(), "discarded", null);
        assertThat(connect(later, false)).as("session present after a clean session ended").isFalse();
        later.disconnect();
        connect(later, true);
    }

    @Test
    @DisplayName("[MQTT-3.1.4-2] Paho: a second connection with the same client id takes over the session; each "
            + "message goes to one connection only")
    void pahoTakeover() throws Exception {
        Collector oldReceived = new Collector();
        MqttClient old = client(broker(), "paho-takeover", oldReceived);
        connect(old, false);
        Paho.subscribe(old, "takeover/paho", 1);
        MqttClient publisher = publisher(broker());
        Paho.publish(publisher, "takeover/paho", "before", 1, false);
        assertThat(oldReceived.next().payload()).isEqualTo("before");
        awaitNothingInFlight(broker());

        Collector newReceived = new Collector();
        MqttClient fresh = client(broker(), "paho-takeover", newReceived);
        assertThat(connect(fresh, false)).as("session present").isTrue();
        await().atMost(WAIT).until(() -> oldReceived.lost != null);

        for (int i = 0; i < 20; i++) {
            Paho.publish(publisher, "takeover/paho", "after-" + i, 1, false);
        }
        assertThat(newReceived.next(20)).extracting(Received::payload)
                .containsExactlyElementsOf(IntStream.range(0, 20).mapToObj(i -> "after-" + i).toList());
        assertThat(oldReceived.queue).as("nothing reached the old connection after the takeover").isEmpty();
        assertThat(old.isConnected()).isFalse();

        fresh.disconnect();
        connect(fresh, true);
    }

    @Test
    @DisplayName("[MQTT-3.1.4-2] HiveMQ client: a second connection with the same client id takes over the "
            + "session; each message goes to one connection only")
    void hiveTakeover() throws Exception {
        Hive old = new Hive(broker(), "hive-takeover");
        closeAfterTest(old);
        assertThat(old.connect(false).isSessionPresent()).isFalse();
        old.subscribe("takeover/hive", 2);
        MqttClient publisher = publisher(broker());
        Paho.publish(publisher, "takeover/hive", "before", 2, false);
        assertThat(old.next().payload()).isEqualTo("before");
        awaitNothingInFlight(broker());

        Hive fresh = new Hive(broker(), "hive-takeover");
        closeAfterTest(fresh);
        assertThat(fresh.connect(false).isSessionPresent()).isTrue();
        assertThat(old.disconnected.await(WAIT.toSeconds(), TimeUnit.SECONDS)).as("old connection closed").isTrue();

        for (int i = 0; i < 20; i++) {
            Paho.publish(publisher, "takeover/hive", "after-" + i, 2, false);
        }
        List<String> payloads = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            payloads.add(fresh.next().payload());
        }
        assertThat(payloads).containsExactlyElementsOf(IntStream.range(0, 20).mapToObj(i -> "after-" + i).toList());
        assertThat(old.received).as("nothing reached the old connection after the takeover").isEmpty();

        fresh.close();
        Hive cleanUp = new Hive(broker(), "hive-takeover");
        closeAfterTest(cleanUp);
        cleanUp.connect(true);
    }

    @Test
    @DisplayName("a full session queue drops the newest messages; those queued arrive complete and in order")
    void queueLimitDropsExcess() throws Exception {
        BrokerSettings small = new BrokerSettings(1000, 256, 4, 5, 1024, 32, 100, Duration.ofSeconds(1));
        try (EmbeddedBroker limited = EmbeddedBroker.start(small, Authorizer.allowAll(),
                EmbeddedBroker.connectionSettings())) {
            MqttClient first = client(limited, "queue-limit", null);
            connect(first, false);
            Paho.subscribe(first, "limited/t", 1);
            first.disconnect();
            first.close();
            await().atMost(WAIT).until(() -> limited.broker().stats().clientsConnected() == 0);

            MqttClient publisher = publisher(limited);
            for (int i = 0; i < 12; i++) {
                Paho.publish(publisher, "limited/t", "m" + i, 1, false);
            }
            // PUBACK means routed, not yet queued on the subscriber's loop: wait for the counters to settle
            await().atMost(WAIT).until(() -> limited.broker().stats().messagesDropped() == 7);
            assertThat(limited.broker().stats().queuedMessages()).isEqualTo(5);

            Collector received = new Collector();
            MqttClient again = client(limited, "queue-limit", received);
            assertThat(connect(again, false)).isTrue();
            Paho.subscribe(again, "fence/limited", 2);
            Paho.publish(publisher, "fence/limited", "fence", 2, false);
            assertThat(received.untilFence("fence/limited")).extracting(Received::payload)
                    .containsExactly("m0", "m1", "m2", "m3", "m4");
            Paho.closeQuietly(again);
            Paho.closeQuietly(publisher);
        }
    }
}
