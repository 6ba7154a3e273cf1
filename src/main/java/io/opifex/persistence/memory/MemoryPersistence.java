package io.opifex.persistence.memory;

import io.opifex.persistence.spi.Persistence;
import io.opifex.persistence.spi.RetainedStore;
import io.opifex.persistence.spi.SessionStore;

/** In-memory backend: survives disconnects, not restarts. Each instance is independent (no shared statics). */
public final class MemoryPersistence implements Persistence {

    private final MemorySessionStore sessions = new MemorySessionStore();
    private final MemoryRetainedStore retained = new MemoryRetainedStore();

    @Override
    public SessionStore sessions() {
        return sessions;
    }

    @Override
    public RetainedStore retained() {
        return retained;
    }
}
