package io.opifex.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.opifex.client.InMemoryConnector.Peer;
import io.opifex.client.InMemoryConnector.Request;
import io.opifex.codec.packet.Connack;
import io.opifex.codec.packet.Connect;
import io.opifex.codec.packet.ReasonCode;
import io.opifex.codec.packet.Disconnect;
import io.opifex.codec.packet.Puback;
import io.opifex.codec.packet.Publish;
import io.opifex.codec.packet.QoS;
import io.opifex.codec.packet.Suback;
import io.opifex.codec.packet.Subscribe;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client over an in-memory {@link io.opifex.connection.Connector}: no socket anywhere, so the client needs
 * nothing of a transport but the contract.
 */
class ClientOverConnectorTest {

    private static Vertx vertx;
    private InMemoryConnector connector;
    private MqttClient client;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() {
        Await.result(vertx.close());
    }

    @BeforeEach
    void newConnector() {
        connector = new InMemoryConnector();
    }

    @AfterEach
    void disconnect() {
        if (client != null) {
            Await.result(client.disconnect());
        }
    }

    private static MqttClientOptions.Builder options() {
        return MqttClientOptions.builder().host("broker.test").port(1884).clientId("in-memory")
                .reconnect(ReconnectPolicy.disabled());
    }

    private Peer connect(MqttClientOptions options) throws Exception {
        client = MqttClient.create(vertx, options, connector);
        Future<ConnectResult> connected = client.connect();
        Peer broker = connector.accept();
        broker.read(Connect.class);
        broker.send(new Connack(false, ReasonCode.SUCCESS));
        Await.result(connected);
        return broker;
    }

    @Test
    void connectsThroughTheConnectorWithTheOptionsAddressTimeoutAndWriteQueue() throws Exception {
        client = MqttClient.create(vertx, options().connectTimeout(Duration.ofSeconds(3)).writeQueueHighWater(4096)
                .build(), connector);
        Future<ConnectResult> connected = client.connect();
        Peer broker = connector.accept();
        assertThat(broker.read(Connect.class).clientId()).isEqualTo("in-memory"); // [MQTT-3.1.0-1] the first packet
        broker.send(new Connack(true, ReasonCode.SUCCESS));

        assertThat(Await.result(connected).sessionPresent()).isTrue();
        assertThat(client.isConnected()).isTrue();
        assertThat(connector.requests()).containsExactly(new Request("broker.test", 1884, Duration.ofSeconds(3), 4096));
    }

    @Test
    void publishesSubscribesAndReceivesOverTheStream() throws Exception {
        Peer broker = connect(options().build());
        Future<Void> published = client.publish("a/b", "x", QoS.AT_LEAST_ONCE, false);
        broker.send(new Puback(broker.read(Publish.class).packetId()));
        Await.result(published);

        List<ReceivedMessage> inbox = new CopyOnWriteArrayList<>();
        client.messageHandler(inbox::add);
        Future<List<Integer>> granted = client.subscribe("c/#", QoS.AT_MOST_ONCE);
        broker.send(new Suback(broker.read(Subscribe.class).packetId(), List.of(ReasonCode.GRANTED_QOS_0)));
        assertThat(Await.result(granted)).containsExactly(0);

        broker.send(new Publish("c/d", QoS.AT_MOST_ONCE, false, false, 0, "hello".getBytes(StandardCharsets.UTF_8)));
        await().atMost(Await.TIMEOUT).until(() -> inbox.size() == 1);
        assertThat(inbox.get(0).topic()).isEqualTo("c/d");
        assertThat(inbox.get(0).payloadAsString()).isEqualTo("hello");
    }

    @Test
    void aConnectorFailureFailsConnectNamingTheAddressAndClosesTheConnector() {
        connector.refuseWith(new ConnectException("Connection refused"));
        client = MqttClient.create(vertx, options().build(), connector);

        assertThat(Await.failure(client.connect())).isInstanceOf(MqttClientException.class)
                .hasMessage("cannot connect to broker.test:1884: Connection refused")
                .hasCauseInstanceOf(ConnectException.class);
        assertThat(connector.closes()).isEqualTo(1);
        assertThat(client.isConnected()).isFalse();
    }

    @Test
    void noConnackWithinTheConnectTimeoutFailsConnect() throws Exception {
        client = MqttClient.create(vertx, options().connectTimeout(Duration.ofMillis(300)).build(), connector);
        Future<ConnectResult> connected = client.connect();
        Peer broker = connector.accept();
        broker.read(Connect.class);

        assertThat(Await.failure(connected)).isInstanceOf(ClientTimeoutException.class)
                .hasMessage("no CONNACK from broker.test:1884 within 300 ms");
        assertThat(broker.closedByClient()).isTrue();
    }

    @Test
    void aLostStreamIsReopenedThroughTheSameConnectorAfterTheBackOff() throws Exception {
        Peer first = connect(options().reconnect(ReconnectPolicy.backoff(Duration.ofMillis(50), Duration.ofMillis(100)))
                .build());
        AtomicReference<Throwable> lost = new AtomicReference<>();
        AtomicReference<ConnectResult> reconnected = new AtomicReference<>();
        client.connectionLostHandler(lost::set);
        client.reconnectHandler(reconnected::set);

        first.drop();
        Peer second = connector.accept();
        second.read(Connect.class);
        second.send(new Connack(true, ReasonCode.SUCCESS));

        await().atMost(Await.TIMEOUT).until(() -> reconnected.get() != null);
        assertThat(reconnected.get().sessionPresent()).isTrue();
        assertThat(lost.get()).isInstanceOf(ConnectionLostException.class)
                .hasMessage("connection to broker.test:1884 lost");
        assertThat(connector.requests()).hasSize(2);
        assertThat(connector.closes()).isZero(); // a reconnect keeps the connector
    }

    @Test
    void disconnectClosesTheStreamAndTheConnectorAndALaterConnectOpensItAgain() throws Exception {
        Peer first = connect(options().build());
        Await.result(client.disconnect());
        first.read(Disconnect.class); // [MQTT-3.14.4-1]
        assertThat(first.closedByClient()).isTrue();
        assertThat(connector.closes()).isEqualTo(1);

        Future<ConnectResult> again = client.connect();
        Peer second = connector.accept();
        second.read(Connect.class);
        second.send(new Connack(false, ReasonCode.SUCCESS));
        assertThat(Await.result(again).sessionPresent()).isFalse();
        assertThat(client.isConnected()).isTrue();
    }
}
