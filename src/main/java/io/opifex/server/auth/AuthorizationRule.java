package io.opifex.server.auth;

import java.util.Objects;

/**
 * Allows or denies publishing to or subscribing to topics matching {@code topicFilter}, for one client id or all.
 *
 * @param clientId null for every client
 */
public record AuthorizationRule(boolean allow, Action action, String topicFilter, String clientId) {

    public enum Action { PUBLISH, SUBSCRIBE, BOTH }

    public AuthorizationRule {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(topicFilter, "topicFilter");
    }

    boolean covers(Action requested, ClientIdentity who) {
        return (action == Action.BOTH || action == requested) && (clientId == null || clientId.equals(who.clientId()));
    }
}
