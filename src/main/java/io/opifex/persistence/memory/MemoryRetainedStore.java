package io.opifex.persistence.memory;

import io.opifex.persistence.spi.RetainedStore;
import io.opifex.persistence.spi.StoredMessage;
import io.opifex.topic.TopicIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Retained messages in a {@link TopicIndex}, so a subscribe walks only the topics its filter can match. */
public final class MemoryRetainedStore implements RetainedStore {

    private final TopicIndex<StoredMessage> byTopic = new TopicIndex<>();

    @Override
    public CompletionStage<Void> put(StoredMessage message) {
        Objects.requireNonNull(message, "message");
        byTopic.put(message.topic(), message);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Boolean> remove(String topic) {
        return CompletableFuture.completedFuture(byTopic.remove(topic) != null);
    }

    @Override
    public CompletionStage<Optional<StoredMessage>> get(String topic) {
        return CompletableFuture.completedFuture(Optional.ofNullable(byTopic.get(topic)));
    }

    @Override
    public CompletionStage<List<StoredMessage>> match(String topicFilter) {
        List<StoredMessage> matches = new ArrayList<>();
        byTopic.match(topicFilter, matches::add);
        return CompletableFuture.completedFuture(matches);
    }

    @Override
    public CompletionStage<Long> count() {
        return CompletableFuture.completedFuture((long) byTopic.size());
    }
}
