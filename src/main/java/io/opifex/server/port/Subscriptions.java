package io.opifex.server.port;

import io.opifex.codec.packet.QoS;
import io.opifex.server.session.Session;

/** A session's subscriptions, as routing sees them. Called on the session's event loop. */
public interface Subscriptions {

    /** Adds the subscription, or replaces the session's subscription with an identical filter [MQTT-3.8.4-3]. */
    void subscribe(Session session, String filter, QoS qos);

    /** @return whether the session had a subscription with exactly this filter */
    boolean unsubscribe(Session session, String filter);

    /** Sends the retained messages matching a new subscription, RETAIN set, at most at the granted QoS. */
    void sendRetained(Session session, String filter, QoS qos);
}
