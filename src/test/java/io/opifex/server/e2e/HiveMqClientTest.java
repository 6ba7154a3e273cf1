package io.opifex.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAckReturnCode;
import com.hivemq.client.mqtt.mqtt3.message.subscribe.suback.Mqtt3SubAck;
import com.hivemq.client.mqtt.mqtt3.message.subscribe.suback.Mqtt3SubAckReturnCode;
import io.opifex.server.e2e.Paho.Received;
import io.opifex.testing.BrokerExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The HiveMQ MQTT client, an independent implementation, against the broker. */
class HiveMqClientTest {

    @RegisterExtension
    static final BrokerExtension broker = BrokerExtension.create();
    private static final AtomicInteger IDS = new AtomicInteger();
    private final List<Hive> clients = new ArrayList<>();

    @AfterEach
    void closeClients() {
        clients.forEach(Hive::close);
        clients.clear();
    }

    private Hive hive(String clientId) {
        Hive client = new Hive(broker.embedded(), clientId);
        clients.add(client);
        return client;
    }

    private Hive connected(String name) throws Exception {
        Hive client = hive(name + "-" + IDS.incrementAndGet());
        assertThat(client.connect(true).getReturnCode()).isEqualTo(Mqtt3ConnAckReturnCode.SUCCESS);
        return client;
    }

    @Test
    @DisplayName("[MQTT-3.2.2-1] [MQTT-3.2.0-1] CONNECT with clean session gets CONNACK accepted, session present 0")
    void connects() throws Exception {
        Hive client = hive("hive-connect");
        var connAck = client.connect(true);
        assertThat(connAck.getReturnCode()).isEqualTo(Mqtt3ConnAckReturnCode.SUCCESS);
        assertThat(connAck.isSessionPresent()).isFalse();
    }

    @ParameterizedTest(name = "[MQTT-3.8.4-1] [MQTT-3.8.4-6] subscribe and publish at QoS {0}: SUBACK grants it, "
            + "the message arrives at it")
    @ValueSource(ints = {0, 1, 2})
    void publishesAndReceivesAtEachQos(int qos) throws Exception {
        Hive subscriber = connected("hive-sub");
        Mqtt3SubAck subAck = subscriber.client.subscribeWith().topicFilter("hive/qos/" + qos)
                .qos(MqttQos.fromCode(qos)).send().get(30, TimeUnit.SECONDS);
        assertThat(subAck.getReturnCodes()).extracting(Mqtt3SubAckReturnCode::getCode).containsExactly(qos);
        Hive publisher = connected("hive-pub");

        for (int i = 0; i < 10; i++) {
            publisher.publish("hive/qos/" + qos, "m" + i, qos, false);
        }

        for (int i = 0; i < 10; i++) {
            assertThat(subscriber.next()).isEqualTo(new Received("hive/qos/" + qos, "m" + i, qos, false, false));
        }
    }

    @Test
    @DisplayName("[MQTT-3.3.1-6] [MQTT-3.3.1-8] [MQTT-3.3.1-9] retained: RETAIN 1 on subscribe, 0 when forwarded")
    void retained() throws Exception {
        Hive publisher = connected("hive-retain-pub");
        publisher.publish("hive/retained", "kept", 1, true);
        Hive subscriber = connected("hive-retain-sub");
        subscriber.subscribe("hive/retained", 2);
        assertThat(subscriber.next()).isEqualTo(new Received("hive/retained", "kept", 1, true, false));

        publisher.publish("hive/retained", "live", 2, true);
        assertThat(subscriber.next()).isEqualTo(new Received("hive/retained", "live", 2, false, false));
        publisher.publish("hive/retained", "", 0, true); // clears it
    }

    @Test
    @DisplayName("[MQTT-3.2.2-2] [MQTT-3.1.2-5] [MQTT-4.4.0-1] a persistent session resumes: session present, "
            + "subscriptions kept, messages from the offline time delivered")
    void persistentSessionResumes() throws Exception {
        Hive first = hive("hive-persistent");
        assertThat(first.connect(false).isSessionPresent()).isFalse();
        first.subscribe("hive/persistent", 2);
        first.client.disconnect().get(30, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(30)).until(() -> broker.broker().stats().clientsConnected() == 0);

        Hive publisher = connected("hive-persistent-pub");
        for (int i = 0; i < 5; i++) {
            publisher.publish("hive/persistent", "offline-" + i, 2, false);
        }

        Hive again = hive("hive-persistent");
        assertThat(again.connect(false).isSessionPresent()).isTrue();
        for (int i = 0; i < 5; i++) {
            assertThat(again.next()).isEqualTo(new Received("hive/persistent", "offline-" + i, 2, false, false));
        }
        publisher.publish("hive/persistent", "online", 1, false);
        assertThat(again.next()).isEqualTo(new Received("hive/persistent", "online", 1, false, false));

        again.client.disconnect().get(30, TimeUnit.SECONDS);
        hive("hive-persistent").connect(true); // ends the session
    }
}
