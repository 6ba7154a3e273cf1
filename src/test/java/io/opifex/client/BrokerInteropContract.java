package io.opifex.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.opifex.codec.packet.ProtocolVersion;
import io.opifex.codec.packet.Puback;
import io.opifex.codec.packet.Publish;
import io.opifex.codec.packet.QoS;
import io.opifex.codec.packet.Suback;
import io.opifex.codec.packet.Will;
import io.opifex.connection.tcp.TcpConnector;
import io.opifex.testing.Packets;
import io.opifex.testing.RawClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the client must do against any MQTT 3.1.1 broker; each subclass supplies a real one. Topics are unique per
 * test so retained messages and sessions of one test never reach another.
 */
abstract class BrokerInteropContract {

    private static Vertx vertx;
    private final List<MqttClient> clients = new ArrayList<>();
    private String prefix;

    /** The broker's MQTT port on 127.0.0.1. */
    abstract int port();

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() {
        Await.result(vertx.close());
    }

    @AfterEach
    void disconnectAll() {
        for (MqttClient client : clients) {
            Await.result(client.disconnect());
        }
    }

    private String topic(TestInfo info, String suffix) {
        if (prefix == null) {
            prefix = getClass().getSimpleName() + "/" + info.getTestMethod().orElseThrow().getName()
                    + "/" + System.nanoTime();
        }
        return prefix + "/" + suffix;
    }

    MqttClientOptions.Builder options(String clientId) {
        return MqttClientOptions.builder().host("127.0.0.1").port(port()).clientId(clientId);
    }

    MqttClient client(MqttClientOptions options) {
        return client(vertx, options);
    }

    private MqttClient client(Vertx on, MqttClientOptions options) {
        MqttClient client = MqttClient.create(on, options, new TcpConnector(on));
        if (on == vertx) {
            clients.add(client);
        }
        return client;
    }

    MqttClient connected(MqttClientOptions options, List<ReceivedMessage> inbox) {
        MqttClient client = client(options);
        client.messageHandler(inbox::add);
        Await.result(client.connect());
        return client;
    }

    private static String text(ReceivedMessage message) {
        return message.payloadAsString();
    }

    static List<Arguments> qosPairs() {
        List<Arguments> pairs = new ArrayList<>();
        for (QoS publish : QoS.values()) {
            for (QoS subscribe : QoS.values()) {
                pairs.add(Arguments.of(publish, subscribe));
            }
        }
        return pairs;
    }

    @ParameterizedTest(name = "published at {0}, subscribed at {1}")
    @MethodSource("qosPairs")
    void aMessageArrivesAtTheLowerOfThePublishedAndTheSubscribedQos_MQTT_3_8_4_6(QoS published, QoS subscribed,
                                                                                 TestInfo info) {
        String topic = topic(info, published + "-" + subscribed);
        List<ReceivedMessage> inbox = new CopyOnWriteArrayList<>();
        MqttClient subscriber = connected(options("sub-" + published.value() + subscribed.value()).build(), inbox);
        assertThat(Await.result(subscriber.subscribe(topic, subscribed))).containsExactly(subscribed.value());
        MqttClient publisher = connected(options("pub-" + published.value() + subscribed.value()).build(),
                new ArrayList<>());
        Await.result(publisher.publish(topic, "payload " + published, published, false));

        await().atMost(Await.TIMEOUT).until(() -> inbox.size() == 1);
        ReceivedMessage message = inbox.get(0);
        assertThat(message.topic()).isEqualTo(topic);
        assertThat(text(message)).isEqualTo("payload " + published);
        assertThat(message.qos()).isEqualTo(QoS.min(published, subscribed));
        assertThat(message.retain()).isFalse();
    }

    @Test
    void messagesOfOnePublisherArriveInOrderAtQos2(TestInfo info) {
        String topic = topic(info, "ordered");
        List<ReceivedMessage> inbox = new CopyOnWriteArrayList<>();
        MqttClient subscriber = connected(options("ordered-sub").build(), inbox);
        Await.result(subscriber.subscribe(topic, QoS.EXACTLY_ONCE));
        MqttClient publisher = connected(options("ordered-pub").maxInflight(5).build(), new ArrayList<>());
        List<Future<Void>> sent = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            sent.add(publisher.publish(topic, Integer.toString(i), QoS.EXACTLY_ONCE, false));
        }
        sent.forEach(Await::result);
        await().atMost(Await.TIMEOUT).until(() -> inbox.size() == 100);
        assertThat(inbox).extracting(BrokerInteropContract::text)
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 100).mapToObj(Integer::toString)
                        .toList());
    }

    @Test
    void aRetainedMessageReachesALaterSubscriberWithTheRetainFlag_MQTT_3_3_1_6(TestInfo info) {
        String topic = topic(info, "retained");
        MqttClient publisher = connected(options("retain-pub").build(), new ArrayList<>());
        Await.result(publisher.publish(topic, "kept", QoS.AT_LEAST_ONCE, true));

        List<ReceivedMessage> inbox = new CopyOnWriteArrayList<>();
        MqttClient late = connected(options("retain-sub").build(), inbox);
        Await.result(late.subscribe(topic, QoS.AT_LEAST_ONCE));
        await().atMost(Await.TIMEOUT).until(() -> inbox.size() == 1);
        assertThat(inbox.get(0).retain()).isTrue();
        assertThat(text(inbox.get(0))).isEqualTo("kept");

        Await.result(publisher.publish(topic, new byte[0], QoS.AT_LEAST_ONCE, true)); // clears it [MQTT-3.3.1-10]
    }

    @Test
    void theWillIsPublishedWhenTheClientsConnectionDiesWithoutDisconnect_MQTT_3_1_2_8(TestInfo info)
            throws Exception {
        String willTopic = topic(info, "will");
        List<ReceivedMessage> inbox = new CopyOnWriteArrayList<>();
        MqttClient watcher = connected(options("will-watcher").build(), inbox);
        Await.result(watcher.subscribe(willTopic, QoS.AT_LEAST_ONCE));

        Vertx doomed = Vertx.vertx();
        MqttClient dying = client(doomed, options("will-owner").reconnect(ReconnectPolicy.disabled())
                .will(new Will(willTopic, "gone".getBytes(StandardCharsets.UTF_8), QoS.AT_LEAST_ONCE, false))
                .build());
        Await.result(dying.connect());
        Await.result(doomed.close()); // the socket closes with no DISCONNECT, as if the process had died

        await().atMost(Await.TIMEOUT).until(() -> inbox.size() == 1);
        assertThat(text(inbox.get(0))).isEqualTo("gone");
    }

    @Test
    void noWillIsPublishedAfterAProperDisconnect_MQTT_3_14_4_3(TestInfo info) throws Exception {
        String willTopic = topic(info, "will");
        List<ReceivedMessage> inbox = new CopyOnWriteArrayList<>();
        MqttClient watcher = connected(options("will-watcher-2").build(), inbox);
        Await.result(watcher.subscribe(Topic.filterBelow(willTopic), QoS.AT_LEAST_ONCE));
        MqttClient polite = client(options("will-polite")
                .will(new Will(willTopic, "gone".getBytes(StandardCharsets.UTF_8), QoS.AT_LEAST_ONCE, false))
                .build());
        Await.result(polite.connect());
        Await.result(polite.disconnect());
        // a marker published after the disconnect, on the same broker path, proves nothing came before it
        Await.result(watcher.publish(willTopic + "/marker", "after", QoS.AT_LEAST_ONCE, false));
        await().atMost(Await.TIMEOUT).until(() -> !inbox.isEmpty());
        assertThat(inbox).extracting(BrokerInteropContract::text).containsExactly("after");
    }

    @Test
    void aPersistentSessionResumesWithTheMessagesQueuedWhileAway_MQTT_3_2_2_2(TestInfo info) {
        String topic = topic(info, "queued");
        String id = "resume-" + System.nanoTime() % 100000;
        MqttClient away = connected(options(id).cleanSession(false).build(), new ArrayList<>());
        Await.result(away.subscribe(topic, QoS.EXACTLY_ONCE));
        Await.result(away.disconnect());

        MqttClient publisher = connected(options("resume-pub").build(), new ArrayList<>());
        Await.result(publisher.publish(topic, "one", QoS.AT_LEAST_ONCE, false));
        Await.result(publisher.publish(topic, "two", QoS.EXACTLY_ONCE, false));

        List<ReceivedMessage> inbox = new CopyOnWriteArrayList<>();
        MqttClient back = client(options(id).cleanSession(false).build());
        back.messageHandler(inbox::add);
        assertThat(Await.result(back.connect()).sessionPresent()).isTrue();
        await().atMost(Await.TIMEOUT).until(() -> inbox.size() == 2);
        assertThat(inbox).extracting(BrokerInteropContract::text).containsExactly("one", "two");

        // leave no session behind
        Await.result(back.disconnect());
        Await.result(client(options(id).cleanSession(true).build()).connect());
    }

    @Test
    void aClientThrownOutByATakeoverReconnectsResubscribesAndReceivesAgain(TestInfo info) throws Exception {
        String topic = topic(info, "takeover");
        String id = "takeover-" + System.nanoTime() % 100000;
        List<ReceivedMessage> inbox = new CopyOnWriteArrayList<>();
        MqttClient victim = connected(options(id)
                .reconnect(ReconnectPolicy.backoff(Duration.ofMillis(100), Duration.ofMillis(500))).build(), inbox);
        Await.result(victim.subscribe(topic, QoS.AT_LEAST_ONCE));
        AtomicInteger lost = new AtomicInteger();
        AtomicReference<ConnectResult> reconnected = new AtomicReference<>();
        victim.connectionLostHandler(e -> lost.incrementAndGet());
        victim.reconnectHandler(reconnected::set);

        try (RawClient thief = new RawClient(port())) {
            thief.send(Packets.connect(id, true, 0)); // [MQTT-3.1.4-2] the broker must close the victim
            thief.read(io.opifex.codec.packet.Connack.class);
            await().atMost(Await.TIMEOUT).until(() -> reconnected.get() != null);
            assertThat(thief.closedByBroker()).as("the victim took its id back").isTrue();
        }
        assertThat(lost.get()).isEqualTo(1);
        assertThat(reconnected.get().sessionPresent()).isFalse();

        MqttClient publisher = connected(options("takeover-pub").build(), new ArrayList<>());
        // the resubscription is in flight right after the reconnect: publish until it is in place
        await().atMost(Await.TIMEOUT).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            Await.result(publisher.publish(topic, "back", QoS.AT_LEAST_ONCE, false));
            assertThat(inbox).isNotEmpty();
        });
        assertThat(text(inbox.get(0))).isEqualTo("back");
    }

    @Test
    void aSlowSubscriberNeverPushesThePublisherBeyondItsWindow(TestInfo info) throws Exception {
        String topic = topic(info, "slow");
        int count = 60;
        try (RawClient slow = new RawClient(port())) {
            slow.send(Packets.connect("slow-" + System.nanoTime() % 100000, true, 0));
            slow.read(io.opifex.codec.packet.Connack.class);
            slow.send(Packets.subscribe(1, topic, QoS.AT_LEAST_ONCE));
            slow.read(Suback.class);

            int window = 2;
            MqttClient publisher = connected(options("fast-pub").maxInflight(window).build(), new ArrayList<>());
            List<Future<Void>> sent = new ArrayList<>();
            AtomicInteger widest = new AtomicInteger();
            for (int i = 0; i < count; i++) {
                sent.add(publisher.publish(topic, Integer.toString(i), QoS.AT_LEAST_ONCE, false));
                MqttClient.OutboundCounts counts = Await.result(publisher.outboundCounts());
                widest.accumulateAndGet(counts.inFlight(), Math::max);
            }
            List<String> received = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Publish publish = slow.read(Publish.class);
                received.add(new String(publish.payload(), StandardCharsets.UTF_8));
                slow.send(Packets.bytes(new Puback(publish.packetId())));
                Thread.sleep(5); // a slow reader: pacing, not waiting for an event
            }
            sent.forEach(Await::result);
            assertThat(widest.get()).isLessThanOrEqualTo(window);
            assertThat(received).containsExactlyElementsOf(
                    java.util.stream.IntStream.range(0, count).mapToObj(Integer::toString).toList());
        }
    }

    @Test
    void unsubscribeStopsDelivery(TestInfo info) {
        String topic = topic(info, "unsub");
        List<ReceivedMessage> inbox = new CopyOnWriteArrayList<>();
        MqttClient client = connected(options("unsub").build(), inbox);
        Await.result(client.subscribe(topic, QoS.AT_LEAST_ONCE));
        Await.result(client.publish(topic, "before", QoS.AT_LEAST_ONCE, false));
        await().atMost(Await.TIMEOUT).until(() -> inbox.size() == 1);
        Await.result(client.unsubscribe(topic));
        Await.result(client.subscribe(topic + "/marker", QoS.AT_LEAST_ONCE));
        Await.result(client.publish(topic, "after", QoS.AT_LEAST_ONCE, false));
        Await.result(client.publish(topic + "/marker", "marker", QoS.AT_LEAST_ONCE, false));
        await().atMost(Await.TIMEOUT).until(() -> inbox.size() == 2);
        assertThat(inbox).extracting(BrokerInteropContract::text).containsExactly("before", "marker");
    }

    @Test
    void mqtt31ClientsWithCredentialsConnectAndExchangeMessages(TestInfo info) {
        String topic = topic(info, "v31");
        List<ReceivedMessage> inbox = new CopyOnWriteArrayList<>();
        MqttClient old = connected(options("v31-client").protocolVersion(ProtocolVersion.MQTT_3_1)
                .credentials("someone", "secret").build(), inbox);
        Await.result(old.subscribe(topic, QoS.EXACTLY_ONCE));
        Await.result(old.publish(topic, "three-one", QoS.EXACTLY_ONCE, false));
        await().atMost(Await.TIMEOUT).until(() -> inbox.size() == 1);
        assertThat(text(inbox.get(0))).isEqualTo("three-one");
    }

    @Test
    void theKeepAliveKeepsAnIdleConnectionOpen() throws Exception {
        MqttClient idle = connected(options("idle").keepAliveSeconds(1).build(), new ArrayList<>());
        AtomicInteger lost = new AtomicInteger();
        idle.connectionLostHandler(e -> lost.incrementAndGet());
        // 1.5 keep-alive intervals of silence would close it [MQTT-3.1.2-24]; PINGREQ prevents that
        await().pollDelay(Duration.ofMillis(3500)).atMost(Await.TIMEOUT).until(() -> true);
        assertThat(lost.get()).isZero();
        assertThat(idle.isConnected()).isTrue();
    }

    /** Topic helpers. */
    static final class Topic {
        private Topic() {
        }

        static String filterBelow(String topic) {
            return topic + "/#"; // '#' also matches the parent level [MQTT-4.7.1-2]
        }
    }
}
