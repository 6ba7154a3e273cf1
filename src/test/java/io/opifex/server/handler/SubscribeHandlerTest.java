package io.opifex.server.handler;

import static org.assertj.core.api.Assertions.assertThat;

import io.opifex.codec.packet.QoS;
import io.opifex.codec.packet.ReasonCode;
import io.opifex.codec.packet.Suback;
import io.opifex.codec.packet.Subscribe;
import io.opifex.codec.packet.TopicSubscription;
import io.opifex.codec.packet.Unsuback;
import io.opifex.codec.packet.Unsubscribe;
import io.opifex.server.auth.AuthorizationRule;
import io.opifex.server.auth.Authorizer;
import io.opifex.server.metrics.BrokerMetrics;
import io.opifex.server.port.Subscriptions;
import io.opifex.server.session.Session;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** SUBSCRIBE and UNSUBSCRIBE, without a socket: one code per filter, retained messages after the SUBACK. */
class SubscribeHandlerTest {

    private static final int MAX_SUBSCRIPTIONS = 3;

    private final List<String> events = new ArrayList<>();
    private final Subscriptions subscriptions = new Subscriptions() {
        @Override
        public void subscribe(Session session, String filter, QoS qos) {
            session.subscriptions().put(filter, qos);
            events.add("subscribed " + filter);
        }

        @Override
        public boolean unsubscribe(Session session, String filter) {
            events.add("unsubscribed " + filter);
            return session.subscriptions().remove(filter);
        }

        @Override
        public void sendRetained(Session session, String filter, QoS qos) {
            events.add("retained " + filter);
        }
    };
    private final Authorizer authorizer = new Authorizer(List.of(
            new AuthorizationRule(false, AuthorizationRule.Action.SUBSCRIBE, "secret/#", null)));
    private final SubscribeHandler handler = new SubscribeHandler(subscriptions, authorizer, new TopicLimits(20, 4),
            BrokerMetrics.NONE, MAX_SUBSCRIPTIONS);
    private final FakeClient client = FakeClient.connected("subscriber");

    private static Subscribe subscribe(int packetId, TopicSubscription... filters) {
        return new Subscribe(packetId, List.of(filters));
    }

    private static TopicSubscription filter(String filter, QoS qos) {
        return new TopicSubscription(filter, qos);
    }

    @Test
    @DisplayName("[MQTT-3.8.4-6] [MQTT-3.9.3-1] each filter gets its granted QoS or 0x80, in the order requested")
    void oneCodePerFilterInOrder() {
        handler.handle(client, subscribe(5,
                filter("a/+", QoS.EXACTLY_ONCE),
                filter("secret/x", QoS.AT_MOST_ONCE),
                filter("a/b/c/d/e", QoS.AT_LEAST_ONCE),
                filter("b", QoS.AT_LEAST_ONCE)));
        assertThat(client.sent).containsExactly(new Suback(5, List.of(ReasonCode.GRANTED_QOS_2,
                ReasonCode.UNSPECIFIED_ERROR, ReasonCode.UNSPECIFIED_ERROR, ReasonCode.GRANTED_QOS_1)));
    }

    @Test
    @DisplayName("[MQTT-3.3.1-6] retained messages of the granted filters follow the SUBACK, not before it")
    void retainedAfterSuback() {
        handler.handle(client, subscribe(1, filter("a", QoS.AT_LEAST_ONCE), filter("secret/y", QoS.AT_LEAST_ONCE)));
        assertThat(events).containsExactly("subscribed a", "retained a");
        assertThat(client.sent).hasSize(1);
    }

    @Test
    @DisplayName("past the per-client limit new filters are refused, and an existing one may still be replaced")
    void subscriptionLimit() {
        handler.handle(client, subscribe(1, filter("x/1", QoS.AT_MOST_ONCE), filter("x/2", QoS.AT_MOST_ONCE),
                filter("x/3", QoS.AT_MOST_ONCE)));
        handler.handle(client, subscribe(2, filter("x/4", QoS.AT_MOST_ONCE), filter("x/1", QoS.EXACTLY_ONCE)));
        assertThat(client.sent.get(1)).isEqualTo(new Suback(2, List.of(ReasonCode.UNSPECIFIED_ERROR,
                ReasonCode.GRANTED_QOS_2)));
    }

    @Test
    @DisplayName("[MQTT-3.10.4-4] [MQTT-3.10.4-5] UNSUBACK answers every UNSUBSCRIBE, whether the filters existed")
    void unsubscribeIsAlwaysAcknowledged() {
        UnsubscribeHandler unsubscribe = new UnsubscribeHandler(subscriptions);
        handler.handle(client, subscribe(1, filter("a", QoS.AT_MOST_ONCE)));
        unsubscribe.handle(client, new Unsubscribe(3, List.of("a", "never")));
        assertThat(client.sent.get(1)).isEqualTo(new Unsuback(3));
        assertThat(client.session.subscriptions().size()).isZero();
        assertThat(events).contains("unsubscribed a", "unsubscribed never");
    }
}
