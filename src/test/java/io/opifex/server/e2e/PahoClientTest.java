package io.opifex.server.e2e;

import io.opifex.server.e2e.Paho.Collector;
import io.opifex.testing.EmbeddedBroker;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.junit.jupiter.api.AfterEach;

/** Paho clients against a test class's broker: a unique client id each, all closed after every test. */
abstract class PahoClientTest {

    private static final AtomicInteger IDS = new AtomicInteger();
    private final List<MqttClient> clients = new ArrayList<>();

    /** The broker the test class started. */
    protected abstract EmbeddedBroker broker();

    @AfterEach
    void closeClients() {
        clients.forEach(Paho::closeQuietly);
        clients.clear();
    }

    /** {@code name-N}, unique across the test run. */
    protected static String uniqueId(String name) {
        return name + "-" + IDS.incrementAndGet();
    }

    /** A clean-session client named {@code name-N}, handing messages to {@code collector} (or nowhere). */
    protected MqttClient connect(String name, Collector collector) throws Exception {
        MqttClient client = Paho.connect(broker(), uniqueId(name), true, collector);
        clients.add(client);
        return client;
    }
}
