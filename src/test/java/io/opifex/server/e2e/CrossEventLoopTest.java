package io.opifex.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.opifex.server.e2e.Paho.Collector;
import io.opifex.server.e2e.Paho.Received;
import io.opifex.testing.BrokerExtension;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Many clients spread over the broker's two event loops: every subscriber gets every message, in order. */
class CrossEventLoopTest {

    private static final int SUBSCRIBERS = 50;
    private static final int PUBLISHERS = 5;
    private static final int MESSAGES_PER_PUBLISHER_AND_QOS = 30;

    @RegisterExtension
    final BrokerExtension broker = BrokerExtension.create().perTest(); // two event loops
    private final List<MqttClient> pahos = new ArrayList<>();
    private final List<Hive> hives = new ArrayList<>();

    @AfterEach
    void closeClients() {
        pahos.forEach(Paho::closeQuietly);
        hives.forEach(Hive::close);
    }

    @Test
    @DisplayName("[MQTT-4.6.0-6] [MQTT-4.3.2-1] [MQTT-4.3.3-1] 50 subscribers (Paho and HiveMQ) across two event "
            + "loops each get every QoS 1 and 2 message of 5 concurrent publishers, once and in order")
    void everySubscriberGetsEverything() throws Exception {
        List<Collector> pahoReceived = new ArrayList<>();
        for (int i = 0; i < SUBSCRIBERS / 2; i++) {
            Collector collector = new Collector();
            MqttClient client = Paho.connect(broker.embedded(), "fan-paho-" + i, true, collector);
            pahos.add(client);
            pahoReceived.add(collector);
            Paho.subscribe(client, "fan/#", 2);
        }
        for (int i = 0; i < SUBSCRIBERS - SUBSCRIBERS / 2; i++) {
            Hive hive = new Hive(broker.embedded(), "fan-hive-" + i);
            hives.add(hive);
            hive.connect(true);
            hive.subscribe("fan/#", 2);
        }

        List<CompletableFuture<Void>> publishing = new ArrayList<>();
        for (int p = 0; p < PUBLISHERS; p++) {
            MqttClient publisher = Paho.connect(broker.embedded(), "fan-pub-" + p);
            pahos.add(publisher);
            int id = p;
            publishing.add(CompletableFuture.runAsync(() -> {
                try {
                    for (int m = 0; m < MESSAGES_PER_PUBLISHER_AND_QOS; m++) {
                        Paho.publish(publisher, "fan/" + id + "/1", String.valueOf(m), 1, false);
                        Paho.publish(publisher, "fan/" + id + "/2", String.valueOf(m), 2, false);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        CompletableFuture.allOf(publishing.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);

        int expected = PUBLISHERS * MESSAGES_PER_PUBLISHER_AND_QOS * 2;
        for (int i = 0; i < pahoReceived.size(); i++) {
            assertComplete("paho subscriber " + i, pahoReceived.get(i).next(expected));
            assertThat(pahoReceived.get(i).queue).as("no extra copies").isEmpty();
        }
        for (int i = 0; i < hives.size(); i++) {
            List<Received> all = new ArrayList<>();
            for (int m = 0; m < expected; m++) {
                all.add(hives.get(i).next());
            }
            assertComplete("hive subscriber " + i, all);
            assertThat(hives.get(i).received).as("no extra copies").isEmpty();
        }
    }

    /** Each topic (one publisher, one QoS) came complete, once each, in publish order, at the published QoS. */
    private static void assertComplete(String who, List<Received> received) {
        Map<String, List<String>> byTopic = new HashMap<>();
        for (Received r : received) {
            assertThat(r.qos()).as("%s: QoS of %s", who, r).isEqualTo(Integer.parseInt(r.topic().substring(
                    r.topic().lastIndexOf('/') + 1)));
            byTopic.computeIfAbsent(r.topic(), t -> new ArrayList<>()).add(r.payload());
        }
        List<String> inOrder = new ArrayList<>();
        for (int m = 0; m < MESSAGES_PER_PUBLISHER_AND_QOS; m++) {
            inOrder.add(String.valueOf(m));
        }
        assertThat(byTopic).as(who).hasSize(PUBLISHERS * 2);
        byTopic.forEach((topic, payloads) -> assertThat(payloads).as("%s on %s", who, topic)
                .containsExactlyElementsOf(inOrder));
    }
}
