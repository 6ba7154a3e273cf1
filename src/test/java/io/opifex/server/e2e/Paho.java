package io.opifex.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.opifex.testing.EmbeddedBroker;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.SocketFactory;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttClientPersistence;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** Eclipse Paho clients against an embedded broker, with a callback that records every delivery. */
final class Paho {

    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private Paho() {
    }

    /** One delivery as the client saw it. */
    record Received(String topic, String payload, int qos, boolean retained, boolean dup) {
        static Received of(String topic, MqttMessage message) {
            return new Received(topic, new String(message.getPayload(), StandardCharsets.UTF_8), message.getQos(),
                    message.isRetained(), message.isDuplicate());
        }
    }

    /** Records deliveries in arrival order; Paho acknowledges each once {@link #messageArrived} returns. */
    static final class Collector implements MqttCallback {
        final BlockingQueue<Received> queue = new LinkedBlockingQueue<>();
        volatile Throwable lost;

        @Override
        public void connectionLost(Throwable cause) {
            lost = cause;
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            queue.add(Received.of(topic, message));
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
        }

        /** The next delivery, failing after {@link #TIMEOUT}. */
        Received next() throws InterruptedException {
            Received r = queue.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(r).as("a delivery within %s", TIMEOUT).isNotNull();
            return r;
        }

        List<Received> next(int count) throws InterruptedException {
            List<Received> all = new ArrayList<>(count);
            long deadline = System.nanoTime() + TIMEOUT.toNanos() * 2;
            while (all.size() < count) {
                long left = deadline - System.nanoTime();
                Received r = queue.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
                assertThat(r).as("delivery %d of %d; so far %s", all.size() + 1, count, all).isNotNull();
                all.add(r);
            }
            return all;
        }

        /**
         * Takes deliveries until one on {@code fenceTopic} arrives and returns those before it. The broker keeps
         * one publisher's messages in order, so anything published earlier that was going to arrive is in the list
         * (send fences at QoS 2: Paho hands QoS 2 to the application on PUBREL, after lower QoS sent earlier).
         */
        List<Received> untilFence(String fenceTopic) throws InterruptedException {
            List<Received> before = new ArrayList<>();
            while (true) {
                Received r = next();
                if (r.topic().equals(fenceTopic)) {
                    return before;
                }
                before.add(r);
            }
        }
    }

    /** Records the sockets it creates, so a test can kill a client's TCP connection under it. */
    static final class KillableSockets extends SocketFactory {
        final List<Socket> sockets = new CopyOnWriteArrayList<>();

        private Socket track(Socket s) {
            sockets.add(s);
            return s;
        }

        @Override
        public Socket createSocket() {
            return track(new Socket());
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return track(new Socket(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return track(new Socket(host, port, localHost, localPort));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return track(new Socket(host, port));
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
                throws IOException {
            return track(new Socket(address, port, localAddress, localPort));
        }

        /** Resets every socket made so far: the broker sees the connection drop without DISCONNECT. */
        void killAll() throws IOException {
            for (Socket s : sockets) {
                s.setSoLinger(true, 0);
                s.close();
            }
        }
    }

    static MqttConnectOptions options(boolean cleanSession) {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(cleanSession);
        options.setKeepAliveInterval(60);
        options.setConnectionTimeout((int) TIMEOUT.toSeconds());
        options.setAutomaticReconnect(false);
        options.setMaxInflight(1000);
        return options;
    }

    static MqttClient client(EmbeddedBroker broker, String clientId) throws MqttException {
        return client(broker, clientId, new MemoryPersistence());
    }

    static MqttClient client(EmbeddedBroker broker, String clientId, MqttClientPersistence persistence)
            throws MqttException {
        MqttClient client = new MqttClient(broker.uri(), clientId, persistence);
        client.setTimeToWait(TIMEOUT.toMillis());
        return client;
    }

    /** A connected client with a recording callback. */
    static MqttClient connect(EmbeddedBroker broker, String clientId, boolean cleanSession, Collector collector)
            throws MqttException {
        MqttClient client = client(broker, clientId);
        if (collector != null) {
            client.setCallback(collector);
        }
        client.connect(options(cleanSession));
        return client;
    }

    static MqttClient connect(EmbeddedBroker broker, String clientId) throws MqttException {
        return connect(broker, clientId, true, null);
    }

    static void publish(MqttClient client, String topic, String payload, int qos, boolean retained)
            throws MqttException {
        client.publish(topic, payload.getBytes(StandardCharsets.UTF_8), qos, retained);
    }

    /** @return the granted QoS per filter, 0x80 for refused */
    static int[] subscribe(MqttClient client, String filter, int qos) throws MqttException {
        return client.subscribeWithResponse(filter, qos).getGrantedQos();
    }

    /** Disconnects if connected and closes, ignoring a connection the broker already dropped. */
    static void closeQuietly(MqttClient client) {
        if (client == null) {
            return;
        }
        try {
            if (client.isConnected()) {
                client.disconnect(TIMEOUT.toMillis());
            }
        } catch (MqttException ignored) {
            // the test is over; the broker may have closed it
        }
        try {
            client.close(true);
        } catch (MqttException ignored) {
            // already closed
        }
    }
}
