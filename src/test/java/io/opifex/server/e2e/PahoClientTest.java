package io.opifex.server.e2e;

import io.opifex.server.e2e.Paho.Collector;
import io.opifex.testing.EmbeddedBroker;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.junit.jupiter.api.AfterEach;

/**
 * Paho clients against a test class's broker: a unique client id each, all closed after every test, with whatever
 * else a test hands to {@link #closeAfterTest}.
 */
abstract class PahoClientTest {

    private static final AtomicInteger IDS = new AtomicInteger();
    private final List<MqttClient> clients = new ArrayList<>();
    private final List<AutoCloseable> others = new ArrayList<>();

    /** The broker the test class started. */
    protected abstract EmbeddedBroker broker();

    @AfterEach
    void closeClients() throws Exception {
        clients.forEach(Paho::closeQuietly);
        clients.clear();
        for (AutoCloseable other : others) {
            other.close();
        }
        others.clear();
    }

    /** Closes {@code client} after the test, quietly. */
    protected MqttClient closeAfterTest(MqttClient client) {
        clients.add(client);
        return client;
    }

    /** Closes {@code other} after the test, after the Paho clients. */
    protected <T extends AutoCloseable> T closeAfterTest(T other) {
        others.add(other);
        return other;
    }

    /** {@code name-N}, unique across the test run. */
    protected static String uniqueId(String name) {
        return name + "-" + IDS.incrementAndGet();
    }

    /** A clean-session client named {@code name-N}, handing messages to {@code collector} (or nowhere). */
    protected MqttClient connect(String name, Collector collector) throws Exception {
        return closeAfterTest(Paho.connect(broker(), uniqueId(name), true, collector));
    }
}
