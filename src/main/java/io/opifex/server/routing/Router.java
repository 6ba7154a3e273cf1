package io.opifex.server.routing;

import io.opifex.server.session.Session;
import io.opifex.topic.MatchedSubscribers;
import io.opifex.topic.TopicTree;

/**
 * Finds where a message goes: the sessions whose filters match its topic, each once, at the highest QoS of its
 * matching subscriptions [MQTT-3.3.5-1]. It only answers; delivering is the caller's business.
 */
public final class Router {

    private final TopicTree<Session> subscriptions;

    public Router(TopicTree<Session> subscriptions) {
        this.subscriptions = subscriptions;
    }

    /**
     * @param into the caller's collector, reused message after message so the hot path builds no map per publish;
     *     cleared first
     * @return {@code into}, holding the targets of a message on {@code topic}
     */
    public MatchedSubscribers<Session> targets(String topic, MatchedSubscribers<Session> into) {
        subscriptions.matchDistinct(topic, into);
        return into;
    }
}
