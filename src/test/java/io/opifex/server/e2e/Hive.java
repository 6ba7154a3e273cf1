package io.opifex.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAck;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import io.opifex.server.e2e.Paho.Received;
import io.opifex.testing.EmbeddedBroker;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** The HiveMQ MQTT client (MQTT 3 API) against an embedded broker, recording what it receives. */
final class Hive implements AutoCloseable {

    final Mqtt3AsyncClient client;
    final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    final CountDownLatch disconnected = new CountDownLatch(1);

    Hive(EmbeddedBroker broker, String clientId) {
        client = MqttClient.builder().useMqttVersion3().identifier(clientId)
                .serverHost("127.0.0.1").serverPort(broker.port())
                .addDisconnectedListener(context -> disconnected.countDown())
                .buildAsync();
        // registered before CONNECT so messages resent right after CONNACK are not missed
        client.publishes(MqttGlobalPublishFilter.ALL, publish -> received.add(toReceived(publish)));
    }

    static Received toReceived(Mqtt3Publish publish) {
        return new Received(publish.getTopic().toString(),
                new String(publish.getPayloadAsBytes(), StandardCharsets.UTF_8), publish.getQos().getCode(),
                publish.isRetain(), false); // the HiveMQ API does not expose DUP
    }

    Mqtt3ConnAck connect(boolean cleanSession) throws Exception {
        return client.connectWith().cleanSession(cleanSession).keepAlive(60).send()
                .get(Paho.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    void subscribe(String filter, int qos) throws Exception {
        client.subscribeWith().topicFilter(filter).qos(MqttQos.fromCode(qos)).send()
                .get(Paho.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    void publish(String topic, String payload, int qos, boolean retain) throws Exception {
        client.publishWith().topic(topic).payload(payload.getBytes(StandardCharsets.UTF_8))
                .qos(MqttQos.fromCode(qos)).retain(retain).send().get(Paho.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    Received next() throws InterruptedException {
        Received r = received.poll(Paho.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(r).as("a delivery within %s", Paho.TIMEOUT).isNotNull();
        return r;
    }

    /** Deliveries before the first on {@code fenceTopic}. */
    java.util.List<Received> untilFence(String fenceTopic) throws InterruptedException {
        java.util.List<Received> before = new java.util.ArrayList<>();
        while (true) {
            Received r = next();
            if (r.topic().equals(fenceTopic)) {
                return before;
            }
            before.add(r);
        }
    }

    @Override
    public void close() {
        try {
            if (client.getState().isConnected()) {
                client.disconnect().get(Paho.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
        } catch (Exception ignored) {
            // the broker may have closed it already
        }
    }
}
