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
    /** Per thread (per event loop), reused for every message so the hot path builds no map per publish. */
    private final ThreadLocal<MatchedSubscribers<Session>> matches = ThreadLocal.withInitial(MatchedSubscribers::new);

    public Router(TopicTree<Session> subscriptions) {
        this.subscriptions = subscriptions;
    }

    /** @return this thread's match collector, filled for {@code topic}: read it before the next call, then clear it */
    public MatchedSubscribers<Session> targets(String topic) {
        MatchedSubscribers<Session> targets = matches.get();
        subscriptions.matchDistinct(topic, targets);
        return targets;
    }
}
