package io.opifex.server.handler;

import io.opifex.codec.packet.QoS;
import io.opifex.codec.packet.ReasonCode;
import io.opifex.codec.packet.Suback;
import io.opifex.codec.packet.Subscribe;
import io.opifex.codec.packet.TopicSubscription;
import io.opifex.server.auth.Authorizer;
import io.opifex.server.metrics.BrokerMetrics;
import io.opifex.server.metrics.SubscriptionRefusal;
import io.opifex.server.port.Client;
import io.opifex.server.port.Subscriptions;
import io.opifex.server.session.Session;
import java.util.ArrayList;
import java.util.List;

/** SUBSCRIBE: each filter granted or refused, SUBACK, then the retained messages of the granted ones. */
public final class SubscribeHandler implements PacketHandler<Subscribe> {

    private final Subscriptions subscriptions;
    private final Authorizer authorizer;
    private final TopicLimits limits;
    private final BrokerMetrics metrics;
    private final int maxSubscriptionsPerClient;

    public SubscribeHandler(Subscriptions subscriptions, Authorizer authorizer, TopicLimits limits,
                            BrokerMetrics metrics, int maxSubscriptionsPerClient) {
        this.subscriptions = subscriptions;
        this.authorizer = authorizer;
        this.limits = limits;
        this.metrics = metrics;
        this.maxSubscriptionsPerClient = maxSubscriptionsPerClient;
    }

    @Override
    public void handle(Client client, Subscribe subscribe) {
        Session session = client.session();
        List<ReasonCode> reasonCodes = new ArrayList<>(subscribe.subscriptions().size());
        List<TopicSubscription> granted = new ArrayList<>(subscribe.subscriptions().size());
        for (TopicSubscription requested : subscribe.subscriptions()) {
            String filter = requested.topicFilter();
            SubscriptionRefusal refusal = refusal(client, session, filter);
            if (refusal != null) {
                metrics.subscriptionRefused(refusal);
                reasonCodes.add(ReasonCode.UNSPECIFIED_ERROR); // [MQTT-3.9.3-1] one code per filter, in order
                continue;
            }
            QoS qos = requested.qos(); // every QoS is supported: granted = requested [MQTT-3.8.4-6]
            subscriptions.subscribe(session, filter, qos); // an existing filter is replaced [MQTT-3.8.4-3]
            reasonCodes.add(ReasonCode.granted(qos));
            granted.add(new TopicSubscription(filter, qos));
        }
        client.send(new Suback(subscribe.packetId(), reasonCodes)); // [MQTT-3.8.4-1], [MQTT-3.8.4-2]
        for (TopicSubscription subscription : granted) {
            // [MQTT-3.3.1-6], [MQTT-3.8.4-3]
            subscriptions.sendRetained(session, subscription.topicFilter(), subscription.qos());
        }
    }

    private SubscriptionRefusal refusal(Client client, Session session, String filter) {
        if (limits.check(filter) != null) {
            return SubscriptionRefusal.TOPIC_LIMIT;
        }
        if (!authorizer.canSubscribe(client.identity(), filter)) {
            return SubscriptionRefusal.NOT_AUTHORIZED;
        }
        if (session.subscriptions().size() >= maxSubscriptionsPerClient && !session.subscriptions().contains(filter)) {
            return SubscriptionRefusal.SUBSCRIPTION_LIMIT;
        }
        return null;
    }
}
