package io.opifex.persistence.spi;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** The storage a broker is given: one backend's session and retained stores. */
public interface Persistence {

    SessionStore sessions();

    RetainedStore retained();

    /** Flushes and releases resources; the stores must not be used afterwards. */
    default CompletionStage<Void> close() {
        return CompletableFuture.completedFuture(null);
    }
}
