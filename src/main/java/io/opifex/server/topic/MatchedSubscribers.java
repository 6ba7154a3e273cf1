package io.opifex.server.topic;

import io.opifex.codec.packet.QoS;
import java.util.HashMap;
import java.util.function.BiConsumer;

/**
 * The distinct subscribers one publish goes to, each with the maximum QoS of its matching subscriptions
 * [MQTT-3.3.5-1]. Owned by one thread and reused across publishes (see {@link TopicTree#matchDistinct}), so the
 * hot path does not build a new map per message. Not thread-safe.
 */
public final class MatchedSubscribers<S> implements BiConsumer<S, QoS> {

    private final HashMap<S, QoS> maxQosBySubscriber = new HashMap<>();

    @Override
    public void accept(S subscriber, QoS qos) {
        maxQosBySubscriber.merge(subscriber, qos, QoS::max);
    }

    /** @return the subscriber's maximum matching QoS, or null if it did not match */
    public QoS qosOf(S subscriber) {
        return maxQosBySubscriber.get(subscriber);
    }

    public void forEach(BiConsumer<? super S, ? super QoS> action) {
        maxQosBySubscriber.forEach(action);
    }

    public int size() {
        return maxQosBySubscriber.size();
    }

    public boolean isEmpty() {
        return maxQosBySubscriber.isEmpty();
    }

    public void clear() {
        maxQosBySubscriber.clear();
    }
}
