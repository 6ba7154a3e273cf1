package io.opifex.persistence.spi;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/** Helpers shared by the contract suites. */
final class StoreTestSupport {

    /** Generous for durable backends; the memory backend completes immediately. */
    private static final long TIMEOUT_SECONDS = 10;
    private static final long CREATED_AT = 1_700_000_000_000L;

    private StoreTestSupport() {
    }

    static <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("store operation failed", e);
        }
    }

    static StoredMessage message(long id, String topic, QoSLevel qos) {
        return new StoredMessage(id, topic, ("payload-" + id).getBytes(StandardCharsets.UTF_8), qos, false,
                CREATED_AT + id);
    }
}
