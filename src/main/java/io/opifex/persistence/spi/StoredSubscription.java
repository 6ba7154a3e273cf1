package io.opifex.persistence.spi;

import java.util.Objects;

/** One subscription of a persistent session; a session has at most one per identical filter [MQTT-3.8.4-3]. */
public record StoredSubscription(String topicFilter, QoSLevel qos) {

    public StoredSubscription {
        Objects.requireNonNull(topicFilter, "topicFilter");
        Objects.requireNonNull(qos, "qos");
    }
}
