package io.opifex.server.routing;

import io.opifex.persistence.spi.RetainedStore;
import io.opifex.server.message.Message;
import io.opifex.server.metrics.BrokerMetrics;
import io.opifex.server.store.SessionSnapshots;
import io.opifex.topic.TopicIndex;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * The retained message of each topic [MQTT-3.3.1-5], in memory for subscribes to find by filter, written through
 * to the retained store so it survives what the store survives.
 */
public final class RetainedMessages {

    private static final Logger LOG = Logger.getLogger(RetainedMessages.class);

    private final TopicIndex<Message> byTopic = new TopicIndex<>();
    private final RetainedStore store;
    private final SessionSnapshots records;
    private final BrokerMetrics metrics;

    public RetainedMessages(RetainedStore store, SessionSnapshots records, BrokerMetrics metrics) {
        this.store = store;
        this.records = records;
        this.metrics = metrics;
    }

    /** A message published with RETAIN set: it replaces the topic's retained message, an empty one clears it. */
    public void retain(Message message) {
        if (message.payload().length == 0) {
            if (byTopic.remove(message.topic()) != null) { // [MQTT-3.3.1-10], [MQTT-3.3.1-11]
                store.remove(message.topic()).whenComplete((ok, error) -> logStoreError(error, message.topic()));
            }
            return;
        }
        byTopic.put(message.topic(), message); // [MQTT-3.3.1-5], QoS 0 too [MQTT-3.3.1-7]
        long started = System.nanoTime();
        store.put(records.retained(message)).whenComplete((ok, error) -> {
            metrics.storeWrite(System.nanoTime() - started);
            logStoreError(error, message.topic());
        });
    }

    /** Puts a retained message read from the store back into the index, at start-up. */
    public void restore(Message message) {
        byTopic.put(message.topic(), message);
    }

    /** Every retained message whose topic {@code filter} matches [MQTT-3.3.1-6]. */
    public void match(String filter, Consumer<Message> visitor) {
        byTopic.match(filter, visitor);
    }

    public int count() {
        return byTopic.size();
    }

    private static void logStoreError(Throwable error, String topic) {
        if (error != null) {
            LOG.errorf(error, "could not store the retained message of topic %s", topic);
        }
    }
}
