package io.opifex.server.handler;

import io.opifex.codec.packet.QoS;
import io.opifex.codec.packet.ReasonCode;
import io.opifex.codec.packet.Suback;
import io.opifex.codec.packet.Subscribe;
import io.opifex.codec.packet.TopicSubscription;
import io.opifex.codec.packet.Unsuback;
import io.opifex.codec.packet.Unsubscribe;
import io.opifex.server.Broker;
import io.opifex.server.ServerConnection;
import io.opifex.server.SubscriptionRefusal;
import io.opifex.server.session.Session;
import java.util.ArrayList;
import java.util.List;

/** SUBSCRIBE and UNSUBSCRIBE. */
public final class SubscriptionHandler {

    private final Broker broker;

    public SubscriptionHandler(Broker broker) {
        this.broker = broker;
    }

    public void subscribe(ServerConnection client, Subscribe subscribe) {
        Session session = client.session();
        List<ReasonCode> reasonCodes = new ArrayList<>(subscribe.subscriptions().size());
        List<TopicSubscription> granted = new ArrayList<>(subscribe.subscriptions().size());
        for (TopicSubscription requested : subscribe.subscriptions()) {
            String filter = requested.topicFilter();
            SubscriptionRefusal refusal = refusal(client, session, filter);
            if (refusal != null) {
                broker.metrics().subscriptionRefused(refusal);
                reasonCodes.add(ReasonCode.UNSPECIFIED_ERROR); // [MQTT-3.9.3-1] one code per filter, in order
                continue;
            }
            QoS qos = requested.qos(); // every QoS is supported: granted = requested [MQTT-3.8.4-6]
            broker.subscribe(session, filter, qos); // an existing filter is replaced [MQTT-3.8.4-3]
            reasonCodes.add(ReasonCode.granted(qos));
            granted.add(new TopicSubscription(filter, qos));
        }
        client.connection().send(new Suback(subscribe.packetId(), reasonCodes)); // [MQTT-3.8.4-1], [MQTT-3.8.4-2]
        for (TopicSubscription subscription : granted) {
            broker.sendRetained(session, subscription); // [MQTT-3.3.1-6], [MQTT-3.8.4-3]
        }
    }

    private SubscriptionRefusal refusal(ServerConnection client, Session session, String filter) {
        if (broker.topicLimits().check(filter) != null) {
            return SubscriptionRefusal.TOPIC_LIMIT;
        }
        if (!broker.authorizer().canSubscribe(client.identity(), filter)) {
            return SubscriptionRefusal.NOT_AUTHORIZED;
        }
        if (session.subscriptions().size() >= broker.settings().maxSubscriptionsPerClient()
                && !session.subscriptions().containsKey(filter)) {
            return SubscriptionRefusal.SUBSCRIPTION_LIMIT;
        }
        return null;
    }

    public void unsubscribe(ServerConnection client, Unsubscribe unsubscribe) {
        for (String filter : unsubscribe.topicFilters()) {
            broker.unsubscribe(client.session(), filter); // [MQTT-3.10.4-1]
        }
        client.connection().send(new Unsuback(unsubscribe.packetId())); // [MQTT-3.10.4-4], [MQTT-3.10.4-5]
    }
}
