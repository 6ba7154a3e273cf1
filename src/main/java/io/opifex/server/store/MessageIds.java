package io.opifex.server.store;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Ids for messages handed to the store, unique within it across restarts: they start from the wall clock shifted
 * past any id an earlier run could have reached (a million a millisecond).
 */
public final class MessageIds {

    private static final int IDS_PER_MILLI_BITS = 20;

    private final AtomicLong last = new AtomicLong(System.currentTimeMillis() << IDS_PER_MILLI_BITS);

    public long next() {
        return last.incrementAndGet();
    }
}
