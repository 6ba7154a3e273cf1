package io.opifex.persistence.memory;

import io.opifex.persistence.spi.RetainedStore;
import io.opifex.persistence.spi.RetainedStoreContract;

class MemoryRetainedStoreTest extends RetainedStoreContract {

    @Override
    protected RetainedStore createStore() {
        return new MemoryPersistence().retained();
    }
}
