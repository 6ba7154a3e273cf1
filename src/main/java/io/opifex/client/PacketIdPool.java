package io.opifex.client;

import java.util.BitSet;

/**
 * Packet identifiers of one client session: PUBLISH, SUBSCRIBE and UNSUBSCRIBE share one space, and an id stays
 * taken until its flow completes [MQTT-2.3.1-2]. Ids rotate, so a late acknowledgement is unlikely to meet a reuse.
 */
final class PacketIdPool {

    private static final int MAX_ID = 0xFFFF;

    private final BitSet used = new BitSet(MAX_ID + 1);
    private int next = 1;
    private int inUse;

    /** @return a free id, or 0 when all 65,535 are taken */
    int acquire() {
        if (inUse == MAX_ID) {
            return 0;
        }
        int id = used.nextClearBit(next);
        if (id > MAX_ID) {
            id = used.nextClearBit(1);
        }
        used.set(id);
        inUse++;
        next = id == MAX_ID ? 1 : id + 1;
        return id;
    }

    void release(int id) {
        if (used.get(id)) {
            used.clear(id);
            inUse--;
        }
    }

    int inUse() {
        return inUse;
    }
}
