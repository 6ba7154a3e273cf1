package io.opifex.persistence.spi;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The retained message of each topic [MQTT-3.3.1-5], found by topic filter when a client subscribes
 * [MQTT-3.3.1-6]. Calling convention and consistency are as for {@link SessionStore}, per topic.
 *
 * <p>The store does not interpret payloads: a retained PUBLISH with an empty payload means "clear"
 * [MQTT-3.3.1-10], which the broker turns into {@link #remove}.
 */
public interface RetainedStore {

    /** Stores the message as the retained one for its topic, replacing any previous one. */
    CompletionStage<Void> put(StoredMessage message);

    /** @return whether the topic had a retained message */
    CompletionStage<Boolean> remove(String topic);

    CompletionStage<Optional<StoredMessage>> get(String topic);

    /**
     * The retained messages of all topics matching {@code topicFilter}, in no particular order. A filter starting
     * with a wildcard does not match topics starting with '$' [MQTT-4.7.2-1].
     */
    CompletionStage<List<StoredMessage>> match(String topicFilter);

    CompletionStage<Long> count();
}
