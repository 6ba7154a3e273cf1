package io.opifex.persistence.memory;

import io.opifex.persistence.spi.SessionStore;
import io.opifex.persistence.spi.SessionStoreContract;

class MemorySessionStoreTest extends SessionStoreContract {

    @Override
    protected SessionStore createStore() {
        return new MemoryPersistence().sessions();
    }
}
