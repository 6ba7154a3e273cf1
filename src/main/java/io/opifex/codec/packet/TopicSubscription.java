package io.opifex.codec.packet;

import java.util.Objects;

/** One topic filter and its requested QoS in a SUBSCRIBE. */
public record TopicSubscription(String topicFilter, QoS qos) {

    public TopicSubscription {
        Objects.requireNonNull(topicFilter, "topicFilter");
        Objects.requireNonNull(qos, "qos");
    }
}
