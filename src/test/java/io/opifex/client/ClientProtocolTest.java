package io.opifex.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.opifex.client.ScriptedBroker.Peer;
import io.opifex.codec.packet.Connack;
import io.opifex.codec.packet.Connect;
import io.opifex.codec.packet.ConnectReturnCode;
import io.opifex.codec.packet.Disconnect;
import io.opifex.codec.packet.Pingreq;
import io.opifex.codec.packet.Pingresp;
import io.opifex.codec.packet.ProtocolVersion;
import io.opifex.codec.packet.Puback;
import io.opifex.codec.packet.Pubcomp;
import io.opifex.codec.packet.Publish;
import io.opifex.codec.packet.Pubrec;
import io.opifex.codec.packet.Pubrel;
import io.opifex.codec.packet.QoS;
import io.opifex.codec.packet.ReasonCode;
import io.opifex.codec.packet.Suback;
import io.opifex.codec.packet.Subscribe;
import io.opifex.codec.packet.TopicSubscription;
import io.opifex.codec.packet.Will;
import io.opifex.connection.tcp.TcpConnector;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The client against a broker played byte by byte by the test: flows, windows, timeouts and broker misbehaviour. */
class ClientProtocolTest {

    private static Vertx vertx;
    private ScriptedBroker broker;
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
    void startBroker() throws Exception {
        broker = new ScriptedBroker();
    }

    @AfterEach
    void stop() throws Exception {
        if (client != null) {
            Await.result(client.disconnect());
        }
        broker.close();
    }

    private MqttClientOptions.Builder options() {
        return MqttClientOptions.builder().host("127.0.0.1").port(broker.port()).clientId("scripted")
                .reconnect(ReconnectPolicy.disabled());
    }

    private static MqttClient tcpClient(MqttClientOptions options) {
        return MqttClient.create(vertx, options, new TcpConnector(vertx));
    }

    /** Connects the client and plays the broker's side of the handshake. */
    private Peer connect(MqttClientOptions options, boolean sessionPresent) throws Exception {
        client = tcpClient(options);
        Future<ConnectResult> connected = client.connect();
        Peer peer = broker.accept();
        peer.read(Connect.class);
        peer.send(new Connack(sessionPresent, ReasonCode.SUCCESS));
        assertThat(Await.result(connected).sessionPresent()).isEqualTo(sessionPresent);
        return peer;
    }

    private Peer connect() throws Exception {
        return connect(options().build(), false);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void connectCarriesEveryOptionInTheConnectPacket() throws Exception {
        Will will = new Will("status/scripted", bytes("gone"), QoS.AT_LEAST_ONCE, true);
        client = tcpClient(options().protocolVersion(ProtocolVersion.MQTT_3_1).cleanSession(false)
                .keepAliveSeconds(17).credentials("user", "secret").will(will).build());
        Future<ConnectResult> connected = client.connect();
        Peer peer = broker.accept();
        Connect connect = peer.read(Connect.class);
        assertThat(connect).isEqualTo(new Connect(ProtocolVersion.MQTT_3_1, "scripted", false, 17, will, "user",
                bytes("secret")));
        peer.send(new Connack(true, ReasonCode.SUCCESS));
        assertThat(Await.result(connected).sessionPresent()).isTrue();
    }

    @Test
    void anEmptyClientIdIsReplacedByAGeneratedOneThatEveryServerAccepts() {
        MqttClientOptions options = MqttClientOptions.builder().build();
        assertThat(options.clientId()).startsWith("opifex-").hasSize(23); // [MQTT-3.1.3-5]
    }

    @ParameterizedTest
    @EnumSource(value = ConnectReturnCode.class, names = "ACCEPTED", mode = EnumSource.Mode.EXCLUDE)
    void aConnackRefusalFailsConnectNamingTheReturnCodeAndItsMeaning(ConnectReturnCode code) throws Exception {
        MqttClient refused = tcpClient(options().build());
        Future<ConnectResult> connected = refused.connect();
        Peer peer = broker.accept();
        peer.read(Connect.class);
        peer.send(new Connack(false, code.reasonCode()));
        Throwable failure = Await.failure(connected);
        assertThat(failure).isInstanceOf(ConnectRefusedException.class)
                .hasMessageContaining("return code " + code.code())
                .hasMessageContaining(code.meaning());
        assertThat(((ConnectRefusedException) failure).returnCode()).isEqualTo(code);
        assertThat(((ConnectRefusedException) failure).reasonCode()).isEqualTo(code.reasonCode());
        assertThat(peer.closedByClient()).isTrue();
        assertThat(refused.isConnected()).isFalse();
    }

    @Test
    void aBrokerThatNeverAnswersConnectFailsConnectWithATimeout() throws Exception {
        MqttClient silent = tcpClient(options().connectTimeout(Duration.ofMillis(300)).build());
        Future<ConnectResult> connected = silent.connect();
        broker.accept().read(Connect.class);
        assertThat(Await.failure(connected)).isInstanceOf(ClientTimeoutException.class)
                .hasMessageContaining("no CONNACK");
    }

    @Test
    void aFirstPacketOtherThanConnackIsAProtocolViolation_MQTT_3_2_0_1() throws Exception {
        MqttClient confused = tcpClient(options().build());
        Future<ConnectResult> connected = confused.connect();
        Peer peer = broker.accept();
        peer.read(Connect.class);
        peer.send(Pingresp.INSTANCE);
        assertThat(Await.failure(connected)).isInstanceOf(ProtocolViolationException.class)
                .hasMessageContaining("MQTT-3.2.0-1");
        assertThat(peer.closedByClient()).isTrue();
    }

    @Test
    void anUnreachableBrokerFailsConnectWithTheAddress() throws Exception {
        int closedPort = broker.port();
        broker.close();
        MqttClient lonely = tcpClient(options().port(closedPort).build());
        assertThat(Await.failure(lonely.connect())).isInstanceOf(MqttClientException.class)
                .hasMessageContaining("cannot connect to 127.0.0.1:" + closedPort);
        broker = new ScriptedBroker();
    }

    @Test
    void aMalformedPacketFromTheBrokerClosesTheConnectionAndFailsPendingPublishes() throws Exception {
        Peer peer = connect();
        AtomicReference<Throwable> closed = new AtomicReference<>();
        client.closeHandler(closed::set);
        Future<Void> pending = client.publish("a", bytes("x"), QoS.AT_LEAST_ONCE, false);
        peer.read(Publish.class);
        peer.sendRaw(new byte[] {0x40, 0x02, 0x00, 0x00}); // PUBACK with packet id 0 [MQTT-2.3.1-1]
        Throwable failure = Await.failure(pending);
        assertThat(failure).isInstanceOf(ProtocolViolationException.class).hasMessageContaining("packet id");
        assertThat(peer.closedByClient()).isTrue();
        await().atMost(Await.TIMEOUT).untilAsserted(() -> assertThat(closed.get()).isSameAs(failure));
        assertThat(client.isConnected()).isFalse();
    }

    @Test
    void anAcknowledgementForNothingInFlightClosesTheConnection() throws Exception {
        Peer peer = connect();
        AtomicReference<Throwable> closed = new AtomicReference<>();
        client.closeHandler(closed::set);
        peer.send(new Puback(42));
        assertThat(peer.closedByClient()).isTrue();
        await().atMost(Await.TIMEOUT).untilAsserted(() -> assertThat(closed.get())
                .isInstanceOf(ProtocolViolationException.class).hasMessageContaining("PUBACK for packet 42"));
    }

    @Test
    void aPubackForAQos2PublishIsAProtocolViolation() throws Exception {
        Peer peer = connect();
        Future<Void> pending = client.publish("a", bytes("x"), QoS.EXACTLY_ONCE, false);
        Publish publish = peer.read(Publish.class);
        peer.send(new Puback(publish.packetId()));
        assertThat(Await.failure(pending)).isInstanceOf(ProtocolViolationException.class)
                .hasMessageContaining("no QoS 1 publish");
    }

    @Test
    void qos1PublishCompletesOnlyOnPuback() throws Exception {
        Peer peer = connect();
        Future<Void> published = client.publish("a/b", bytes("one"), QoS.AT_LEAST_ONCE, true);
        Publish publish = peer.read(Publish.class);
        assertThat(publish.topic()).isEqualTo("a/b");
        assertThat(publish.retain()).isTrue();
        assertThat(publish.dup()).isFalse();
        assertThat(publish.qos()).isEqualTo(QoS.AT_LEAST_ONCE);
        assertThat(published.isComplete()).isFalse();
        peer.send(new Puback(publish.packetId()));
        Await.result(published);
    }

    @Test
    void qos2PublishCompletesOnPubcompAfterPubrecAndPubrel_MQTT_4_3_3_1() throws Exception {
        Peer peer = connect();
        Future<Void> published = client.publish("a/b", bytes("two"), QoS.EXACTLY_ONCE, false);
        Publish publish = peer.read(Publish.class);
        peer.send(new Pubrec(publish.packetId()));
        assertThat(peer.read(Pubrel.class).packetId()).isEqualTo(publish.packetId());
        assertThat(published.isComplete()).isFalse();
        peer.send(new Pubcomp(publish.packetId()));
        Await.result(published);
    }

    @Test
    void theInFlightWindowHoldsBackPublishesUntilAcksCome() throws Exception {
        Peer peer = connect(options().maxInflight(3).build(), false);
        List<Future<Void>> published = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            published.add(client.publish("w", bytes("m" + i), QoS.AT_LEAST_ONCE, false));
        }
        List<Publish> sent = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            sent.add(peer.read(Publish.class));
        }
        assertThat(peer.silentFor(Duration.ofMillis(300))).as("nothing beyond the window").isTrue();
        assertThat(published).noneMatch(Future::isComplete);
        assertThat(Await.result(client.outboundCounts())).isEqualTo(new MqttClient.OutboundCounts(3, 7));

        peer.send(new Puback(sent.get(0).packetId()));
        Await.result(published.get(0));
        Publish fourth = peer.read(Publish.class);
        assertThat(new String(fourth.payload(), StandardCharsets.UTF_8)).isEqualTo("m3");
        assertThat(published.subList(1, 10)).noneMatch(Future::isComplete);
        assertThat(peer.silentFor(Duration.ofMillis(200))).isTrue();
    }

    @Test
    void aFullQueueFailsThePublishWithAClearException() throws Exception {
        Peer peer = connect(options().maxInflight(1).maxQueuedPublishes(2).build(), false);
        client.publish("q", bytes("1"), QoS.AT_LEAST_ONCE, false);
        peer.read(Publish.class);
        client.publish("q", bytes("2"), QoS.AT_LEAST_ONCE, false);
        client.publish("q", bytes("3"), QoS.AT_LEAST_ONCE, false);
        Throwable failure = Await.failure(client.publish("q", bytes("4"), QoS.AT_LEAST_ONCE, false));
        assertThat(failure).isInstanceOf(PublishQueueFullException.class)
                .hasMessageContaining("1 messages in flight and 2 waiting");
    }

    @Test
    void aPublishThatIsNeverAcknowledgedTimesOut() throws Exception {
        Peer peer = connect(options().requestTimeout(Duration.ofMillis(300)).build(), false);
        Future<Void> published = client.publish("t", bytes("x"), QoS.AT_LEAST_ONCE, false);
        peer.read(Publish.class);
        assertThat(Await.failure(published)).isInstanceOf(ClientTimeoutException.class)
                .hasMessageContaining("no PUBACK");
    }

    @Test
    void aSubscribeThatIsNeverAcknowledgedTimesOutAndALateSubackIsTolerated() throws Exception {
        Peer peer = connect(options().requestTimeout(Duration.ofMillis(300)).build(), false);
        Future<List<Integer>> subscribed = client.subscribe("s/#", QoS.AT_LEAST_ONCE);
        Subscribe subscribe = peer.read(Subscribe.class);
        assertThat(subscribe.subscriptions()).containsExactly(new TopicSubscription("s/#", QoS.AT_LEAST_ONCE));
        assertThat(Await.failure(subscribed)).isInstanceOf(ClientTimeoutException.class)
                .hasMessageContaining("no SUBACK");
        peer.send(new Suback(subscribe.packetId(), List.of(ReasonCode.GRANTED_QOS_1)));
        assertThat(peer.silentFor(Duration.ofMillis(300))).as("connection stays open").isTrue();
        assertThat(client.isConnected()).isTrue();
    }

    @Test
    void aSubackWithTheWrongNumberOfReturnCodesIsAProtocolViolation_MQTT_3_8_4_5() throws Exception {
        Peer peer = connect();
        Future<List<Integer>> subscribed = client.subscribe("s", QoS.AT_MOST_ONCE);
        Subscribe subscribe = peer.read(Subscribe.class);
        peer.send(new Suback(subscribe.packetId(), List.of(ReasonCode.GRANTED_QOS_0, ReasonCode.GRANTED_QOS_0)));
        assertThat(Await.failure(subscribed)).isInstanceOf(ProtocolViolationException.class)
                .hasMessageContaining("MQTT-3.8.4-5");
    }

    @Test
    void anInboundQos2MessageIsDeliveredOnceEvenWhenTheBrokerSendsItAgain_MQTT_4_3_3_2() throws Exception {
        Peer peer = connect();
        List<ReceivedMessage> received = new CopyOnWriteArrayList<>();
        client.messageHandler(received::add);
        Publish publish = new Publish("in", QoS.EXACTLY_ONCE, false, false, 7, bytes("once"));
        peer.send(publish);
        assertThat(peer.read(Pubrec.class).packetId()).isEqualTo(7);
        peer.send(publish.withDelivery(QoS.EXACTLY_ONCE, 7, false, true));
        assertThat(peer.read(Pubrec.class).packetId()).isEqualTo(7);
        peer.send(new Pubrel(7));
        assertThat(peer.read(Pubcomp.class).packetId()).isEqualTo(7);
        assertThat(received).hasSize(1);
        assertThat(received.get(0).payloadAsString()).isEqualTo("once");

        // after PUBREL the id is free: the same id now carries a new message
        peer.send(new Publish("in", QoS.EXACTLY_ONCE, false, false, 7, bytes("next")));
        peer.read(Pubrec.class);
        await().atMost(Await.TIMEOUT).untilAsserted(() -> assertThat(received).hasSize(2));
    }

    @Test
    void inboundQos1IsAcknowledgedAfterTheHandlerSawIt_MQTT_4_3_2_2() throws Exception {
        Peer peer = connect();
        List<ReceivedMessage> received = new CopyOnWriteArrayList<>();
        client.messageHandler(received::add);
        peer.send(new Publish("in/1", QoS.AT_LEAST_ONCE, true, false, 9, bytes("hello")));
        assertThat(peer.read(Puback.class).packetId()).isEqualTo(9);
        assertThat(received).singleElement().satisfies(m -> {
            assertThat(m.topic()).isEqualTo("in/1");
            assertThat(m.retain()).isTrue();
            assertThat(m.qos()).isEqualTo(QoS.AT_LEAST_ONCE);
        });
    }

    @Test
    void aPubrelForAnUnknownIdIsStillAnsweredWithPubcomp() throws Exception {
        Peer peer = connect();
        peer.send(new Pubrel(99));
        assertThat(peer.read(Pubcomp.class).packetId()).isEqualTo(99);
    }

    @Test
    void anIdleClientSendsPingreqAndGivesUpWhenNoPingrespComes_MQTT_3_1_2_23() throws Exception {
        Peer peer = connect(options().keepAliveSeconds(1).pingTimeout(Duration.ofMillis(500)).build(), false);
        AtomicReference<Throwable> closed = new AtomicReference<>();
        client.closeHandler(closed::set);
        peer.read(Pingreq.class);
        peer.send(Pingresp.INSTANCE);
        peer.read(Pingreq.class); // the next interval
        assertThat(peer.closedByClient()).isTrue();
        await().atMost(Await.TIMEOUT).untilAsserted(() -> assertThat(closed.get())
                .isInstanceOf(ConnectionLostException.class).hasMessageContaining("no PINGRESP"));
    }

    @Test
    void aBusyClientSendsNoPingreq() throws Exception {
        Peer peer = connect(options().keepAliveSeconds(1).build(), false);
        long end = System.nanoTime() + Duration.ofMillis(1800).toNanos();
        while (System.nanoTime() < end) {
            client.publish("busy", bytes("x"), QoS.AT_MOST_ONCE, false);
            assertThat(peer.read()).isInstanceOf(Publish.class);
            Thread.sleep(100); // pacing the traffic, not waiting for an event
        }
    }

    @Test
    void disconnectSendsDisconnectFailsPendingWorkAndCallsTheCloseHandlerWithNull() throws Exception {
        Peer peer = connect();
        AtomicReference<Throwable> closed = new AtomicReference<>(new Throwable("not called"));
        client.closeHandler(closed::set);
        Future<Void> pending = client.publish("p", bytes("x"), QoS.AT_LEAST_ONCE, false);
        peer.read(Publish.class);
        Await.result(client.disconnect());
        peer.read(Disconnect.class);
        assertThat(peer.closedByClient()).isTrue();
        assertThat(Await.failure(pending)).isInstanceOf(NotConnectedException.class);
        await().atMost(Await.TIMEOUT).untilAsserted(() -> assertThat(closed.get()).isNull());
        assertThat(Await.failure(client.publish("p", bytes("x"), QoS.AT_MOST_ONCE, false)))
                .isInstanceOf(NotConnectedException.class);
        client = null;
    }

    @Test
    void afterAReconnectUnacknowledgedPublishesAreResentWithDupAndPubrecdOnesGetPubrel_MQTT_4_4_0_1()
            throws Exception {
        Peer first = connect(options().cleanSession(false)
                .reconnect(ReconnectPolicy.backoff(Duration.ofMillis(50), Duration.ofMillis(200))).build(), false);
        Future<Void> qos1 = client.publish("r/1", bytes("one"), QoS.AT_LEAST_ONCE, false);
        Future<Void> qos2 = client.publish("r/2", bytes("two"), QoS.EXACTLY_ONCE, false);
        Publish firstPublish = first.read(Publish.class);
        Publish secondPublish = first.read(Publish.class);
        first.send(new Pubrec(secondPublish.packetId()));
        first.read(Pubrel.class);
        first.close(); // the connection drops before any more acknowledgement

        Peer second = broker.accept();
        second.read(Connect.class);
        second.send(new Connack(true, ReasonCode.SUCCESS));
        Publish resent = second.read(Publish.class);
        assertThat(resent.dup()).isTrue();
        assertThat(resent.packetId()).isEqualTo(firstPublish.packetId());
        assertThat(resent.payload()).isEqualTo(firstPublish.payload());
        assertThat(second.read(Pubrel.class).packetId()).isEqualTo(secondPublish.packetId());
        second.send(new Puback(resent.packetId()));
        second.send(new Pubcomp(secondPublish.packetId()));
        Await.result(qos1);
        Await.result(qos2);
    }

    @Test
    void publishesMadeWhileReconnectingWaitInTheQueueAndGoOutAfterwards() throws Exception {
        Peer first = connect(options()
                .reconnect(ReconnectPolicy.backoff(Duration.ofMillis(300), Duration.ofMillis(300))).build(), false);
        first.close();
        await().atMost(Await.TIMEOUT).until(() -> !client.isConnected());
        Future<Void> queued = client.publish("later", bytes("x"), QoS.AT_LEAST_ONCE, false);
        Peer second = broker.accept();
        second.read(Connect.class);
        second.send(new Connack(false, ReasonCode.SUCCESS));
        Publish publish = second.read(Publish.class);
        assertThat(publish.topic()).isEqualTo("later");
        second.send(new Puback(publish.packetId()));
        Await.result(queued);
    }

    @Test
    void aReconnectWithoutSessionResubscribesWhatTheBrokerHadGranted() throws Exception {
        Peer first = connect(options()
                .reconnect(ReconnectPolicy.backoff(Duration.ofMillis(50), Duration.ofMillis(100))).build(), false);
        Future<List<Integer>> subscribed = client.subscribe("granted/#", QoS.EXACTLY_ONCE);
        Subscribe subscribe = first.read(Subscribe.class);
        first.send(new Suback(subscribe.packetId(), List.of(ReasonCode.GRANTED_QOS_2)));
        assertThat(Await.result(subscribed)).containsExactly(2);
        Future<List<Integer>> refused = client.subscribe("refused", QoS.AT_MOST_ONCE);
        Subscribe second = first.read(Subscribe.class);
        first.send(new Suback(second.packetId(), List.of(ReasonCode.UNSPECIFIED_ERROR)));
        assertThat(Await.result(refused)).containsExactly(0x80);
        AtomicReference<ConnectResult> reconnected = new AtomicReference<>();
        client.reconnectHandler(reconnected::set);
        first.close();

        Peer again = broker.accept();
        again.read(Connect.class);
        again.send(new Connack(false, ReasonCode.SUCCESS));
        Subscribe resubscribe = again.read(Subscribe.class);
        assertThat(resubscribe.subscriptions()).containsExactly(new TopicSubscription("granted/#", QoS.EXACTLY_ONCE));
        again.send(new Suback(resubscribe.packetId(), List.of(ReasonCode.GRANTED_QOS_2)));
        await().atMost(Await.TIMEOUT).untilAsserted(() -> assertThat(reconnected.get())
                .isEqualTo(new ConnectResult(false)));
    }

    @Test
    void aReconnectRefusedForBadCredentialsStopsRetryingAndReportsWhy() throws Exception {
        Peer first = connect(options()
                .reconnect(ReconnectPolicy.backoff(Duration.ofMillis(50), Duration.ofMillis(100))).build(), false);
        AtomicReference<Throwable> closed = new AtomicReference<>();
        client.closeHandler(closed::set);
        first.close();
        Peer again = broker.accept();
        again.read(Connect.class);
        again.send(new Connack(false, ReasonCode.NOT_AUTHORIZED));
        await().atMost(Await.TIMEOUT).untilAsserted(() -> assertThat(closed.get())
                .isInstanceOf(ConnectRefusedException.class).hasMessageContaining("return code 5"));
        assertThat(client.isConnected()).isFalse();
    }

    @Test
    void callsFromManyThreadsAllReachTheBroker() throws Exception {
        Peer peer = connect(options().maxInflight(100).build(), false);
        List<Thread> threads = new ArrayList<>();
        List<Future<Void>> published = new CopyOnWriteArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> {
                for (int i = 0; i < 10; i++) {
                    published.add(client.publish("threads", bytes("x"), QoS.AT_LEAST_ONCE, false));
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join(Await.TIMEOUT.toMillis());
        }
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            ids.add(peer.read(Publish.class).packetId());
        }
        assertThat(ids).doesNotHaveDuplicates();
        for (int id : ids) {
            peer.send(new Puback(id));
        }
        for (Future<Void> future : published) {
            Await.result(future);
        }
    }

    @Test
    void invalidTopicsAreRefusedBeforeAnythingIsSent() {
        client = tcpClient(options().build());
        assertThat(Await.failure(client.publish("a/+", bytes("x"), QoS.AT_MOST_ONCE, false)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MQTT-3.3.2-2");
        assertThat(Await.failure(client.subscribe("a/#/b", QoS.AT_MOST_ONCE)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void reconnectDelaysGrowExponentiallyWithJitterUpToTheCap() {
        ReconnectPolicy policy = new ReconnectPolicy(true, Duration.ofMillis(100), Duration.ofSeconds(2), 2.0, 0.5);
        for (int i = 0; i < 50; i++) {
            assertThat(policy.delayMillis(0)).isBetween(50L, 100L);
            assertThat(policy.delayMillis(3)).isBetween(400L, 800L);
            assertThat(policy.delayMillis(20)).isBetween(1000L, 2000L);
        }
        ReconnectPolicy exact = new ReconnectPolicy(true, Duration.ofMillis(100), Duration.ofSeconds(2), 2.0, 0);
        assertThat(exact.delayMillis(1)).isEqualTo(200);
    }
}
