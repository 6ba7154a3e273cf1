package io.opifex.server.auth;

import io.opifex.server.auth.AuthorizationRule.Action;
import io.opifex.topic.TopicFilters;
import java.util.List;

/**
 * Evaluates the configured rules in order; the first rule that covers the request decides, and no rule allows.
 * A denied subscribe refuses the filter (SUBACK 0x80) and also keeps matching messages from a broader filter out
 * of the client's deliveries, so "deny subscribe secret/#" holds against a subscription to "#".
 */
public final class Authorizer {

    private final List<AuthorizationRule> rules;
    private final boolean hasSubscribeRules;

    public Authorizer(List<AuthorizationRule> rules) {
        this.rules = List.copyOf(rules);
        this.hasSubscribeRules = rules.stream().anyMatch(r -> r.action() != Action.PUBLISH);
    }

    public static Authorizer allowAll() {
        return new Authorizer(List.of());
    }

    public boolean canPublish(ClientIdentity who, String topic) {
        return decide(Action.PUBLISH, who, topic);
    }

    /** A filter is refused when a deny rule's filter covers every topic the requested filter can match. */
    public boolean canSubscribe(ClientIdentity who, String filter) {
        return decide(Action.SUBSCRIBE, who, filter);
    }

    /** Checked per delivery, only when subscribe rules exist: nothing on the hot path otherwise. */
    public boolean canReceive(ClientIdentity who, String topic) {
        return !hasSubscribeRules || decide(Action.SUBSCRIBE, who, topic);
    }

    /** As {@link #canReceive(ClientIdentity, String)}, for a delivery: allocates nothing unless rules apply. */
    public boolean canReceive(String clientId, String topic) {
        return !hasSubscribeRules || decide(Action.SUBSCRIBE, new ClientIdentity(clientId, null), topic);
    }

    private boolean decide(Action action, ClientIdentity who, String topicOrFilter) {
        for (AuthorizationRule rule : rules) {
            if (rule.covers(action, who) && TopicFilters.covers(rule.topicFilter(), topicOrFilter)) {
                return rule.allow();
            }
        }
        return true;
    }
}
