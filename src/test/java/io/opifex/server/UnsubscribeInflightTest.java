package io.opifex.server;

import static io.opifex.testing.Packets.publish;
import static io.opifex.testing.Packets.subscribe;
import static io.opifex.testing.RawSessions.assertNothingElseBeforePing;
import static io.opifex.testing.RawSessions.connected;
import static io.opifex.testing.RawSessions.publishExactlyOnce;
import static io.opifex.testing.RawSessions.reconnected;
import static io.opifex.testing.RawSessions.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import io.opifex.codec.packet.Unsuback;
import io.opifex.codec.packet.Unsubscribe;
import io.opifex.testing.BrokerExtension;
import io.opifex.testing.Packets;
import io.opifex.testing.RawClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * [MQTT-3.10.4-3]: UNSUBSCRIBE stops new deliveries for the filter but not the QoS 1 and 2 deliveries already
 * started. A raw subscriber holds back its acknowledgements across the UNSUBSCRIBE and checks the broker still
 * resends and completes them. The in-flight window is one message, so "still in flight" is visible on the wire:
 * nothing else is sent until the old delivery completes.
 */
class UnsubscribeInflightTest {

    private static final int MAX_INFLIGHT = 1;
    private static final Duration AWAIT = Duration.ofSeconds(30);

    @RegisterExtension
    final BrokerExtension broker = BrokerExtension.create().withSettings(oneInFlight()).perTest();

    private static BrokerSettings oneInFlight() {
        BrokerSettings defaults = BrokerSettings.defaults();
        return new BrokerSettings(defaults.maxConnections(), defaults.maxClientIdLength(), MAX_INFLIGHT,
                defaults.maxQueuedMessages(), defaults.maxTopicLength(), defaults.maxTopicLevels(),
                defaults.maxSubscriptionsPerClient(), defaults.maxPublisherPause());
    }

    @Test
    @DisplayName("[MQTT-3.10.4-3] a QoS 1 PUBLISH sent before UNSUBSCRIBE and not acknowledged is resent with DUP and the same id on reconnect")
    void resendsUnacknowledgedQos1AfterUnsubscribe() throws Exception {
        Publish sent;
        try (RawClient subscriber = connected(broker.port(), "unsub-qos1", false); RawClient publisher = connected(broker.port(), "pub-qos1", true)) {
            subscriber.send(subscribe(1, "unsub/qos1", QoS.AT_LEAST_ONCE));
            assertThat(subscriber.read(Suback.class).reasonCodes()).containsExactly(ReasonCode.GRANTED_QOS_1);
            publisher.send(publish("unsub/qos1", "started", QoS.AT_LEAST_ONCE, 1, false, false));
            assertThat(publisher.read(Puback.class).packetId()).isEqualTo(1);
            sent = subscriber.read(Publish.class);
            assertThat(sent.dup()).isFalse();

            subscriber.send(Packets.bytes(new Unsubscribe(2, List.of("unsub/qos1"))));
            assertThat(subscriber.read(Unsuback.class).packetId()).isEqualTo(2);
            publisher.send(publish("unsub/qos1", "after unsubscribe", QoS.AT_LEAST_ONCE, 2, false, false));
            assertThat(publisher.read(Puback.class).packetId()).isEqualTo(2);
        } // the subscriber leaves without PUBACK

        try (RawClient again = reconnected(broker.port(), "unsub-qos1")) {
            Publish resent = again.read(Publish.class);
            assertThat(resent.dup()).as("[MQTT-3.3.1-1] a resend has DUP set").isTrue();
            assertThat(resent.packetId()).isEqualTo(sent.packetId());
            assertThat(resent.qos()).isEqualTo(QoS.AT_LEAST_ONCE);
            assertThat(resent.topic()).isEqualTo("unsub/qos1");
            assertThat(text(resent)).isEqualTo("started");
            again.send(Packets.bytes(new Puback(resent.packetId())));
            assertNothingElseBeforePing(again); // in particular not the message published after UNSUBACK
            await().atMost(AWAIT).until(() -> broker.broker().stats().inflightMessages() == 0);
        }
        try (RawClient third = reconnected(broker.port(), "unsub-qos1")) {
            assertNothingElseBeforePing(third); // acknowledged once is delivered: nothing is resent any more
        }
    }

    @Test
    @DisplayName("[MQTT-3.10.4-3] a QoS 2 PUBLISH sent before UNSUBSCRIBE is resent on reconnect, then PUBREC, PUBREL (resent too) and PUBCOMP complete it")
    void completesQos2FlowAcrossReconnectsAfterUnsubscribe() throws Exception {
        Publish sent;
        try (RawClient subscriber = connected(broker.port(), "unsub-qos2", false); RawClient publisher = connected(broker.port(), "pub-qos2", true)) {
            subscriber.send(subscribe(1, "unsub/qos2", QoS.EXACTLY_ONCE));
            assertThat(subscriber.read(Suback.class).reasonCodes()).containsExactly(ReasonCode.GRANTED_QOS_2);
            publishExactlyOnce(publisher, "unsub/qos2", "started", 1);
            sent = subscriber.read(Publish.class);
            assertThat(sent.qos()).isEqualTo(QoS.EXACTLY_ONCE);

            subscriber.send(Packets.bytes(new Unsubscribe(2, List.of("unsub/qos2"))));
            assertThat(subscriber.read(Unsuback.class).packetId()).isEqualTo(2);
            publishExactlyOnce(publisher, "unsub/qos2", "after unsubscribe", 2);
        } // the subscriber leaves without PUBREC

        try (RawClient again = reconnected(broker.port(), "unsub-qos2")) {
            Publish resent = again.read(Publish.class);
            assertThat(resent.dup()).isTrue();
            assertThat(resent.packetId()).isEqualTo(sent.packetId());
            assertThat(resent.qos()).isEqualTo(QoS.EXACTLY_ONCE);
            assertThat(text(resent)).isEqualTo("started");
            again.send(Packets.bytes(new Pubrec(resent.packetId())));
            assertThat(again.read(Pubrel.class).packetId()).isEqualTo(sent.packetId());
        } // and leaves again without PUBCOMP

        try (RawClient third = reconnected(broker.port(), "unsub-qos2")) {
            // [MQTT-4.4.0-1] past PUBREC only the PUBREL is resent
            assertThat(third.read(Pubrel.class).packetId()).isEqualTo(sent.packetId());
            third.send(Packets.bytes(new Pubcomp(sent.packetId())));
            assertNothingElseBeforePing(third);
            await().atMost(AWAIT).until(() -> broker.broker().stats().inflightMessages() == 0);
        }
        try (RawClient fourth = reconnected(broker.port(), "unsub-qos2")) {
            assertNothingElseBeforePing(fourth);
        }
    }

    @Test
    @DisplayName("[MQTT-3.10.4-3] on the same connection a QoS 2 delivery started before UNSUBSCRIBE keeps its place in flight until PUBCOMP")
    void keepsQos2InFlightUntilPubcompAfterUnsubscribe() throws Exception {
        try (RawClient subscriber = connected(broker.port(), "unsub-window", true);
             RawClient publisher = connected(broker.port(), "pub-window", true)) {
            subscriber.send(Packets.bytes(new Subscribe(1, List.of(
                    new TopicSubscription("unsub/window/dropped", QoS.EXACTLY_ONCE),
                    new TopicSubscription("unsub/window/kept", QoS.AT_LEAST_ONCE)))));
            assertThat(subscriber.read(Suback.class).reasonCodes())
                    .containsExactly(ReasonCode.GRANTED_QOS_2, ReasonCode.GRANTED_QOS_1);
            publishExactlyOnce(publisher, "unsub/window/dropped", "started", 1);
            Publish started = subscriber.read(Publish.class);
            assertThat(text(started)).isEqualTo("started");

            subscriber.send(Packets.bytes(new Unsubscribe(2, List.of("unsub/window/dropped"))));
            assertThat(subscriber.read(Unsuback.class).packetId()).isEqualTo(2);
            publisher.send(publish("unsub/window/kept", "waits", QoS.AT_LEAST_ONCE, 2, false, false));
            assertThat(publisher.read(Puback.class).packetId()).isEqualTo(2);
            assertNothingElseBeforePing(subscriber); // the window of one is still taken by the started delivery

            subscriber.send(Packets.bytes(new Pubrec(started.packetId())));
            assertThat(subscriber.read(Pubrel.class).packetId()).isEqualTo(started.packetId());
            assertNothingElseBeforePing(subscriber); // still taken until PUBCOMP

            subscriber.send(Packets.bytes(new Pubcomp(started.packetId())));
            Publish next = subscriber.read(Publish.class);
            assertThat(text(next)).isEqualTo("waits");
            assertThat(next.topic()).isEqualTo("unsub/window/kept");
            subscriber.send(Packets.bytes(new Puback(next.packetId())));
            await().atMost(AWAIT).until(() -> broker.broker().stats().inflightMessages() == 0);
        }
    }
}
