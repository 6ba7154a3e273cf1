package io.opifex.codec.packet;

import java.util.function.IntPredicate;

/**
 * Packet identifiers: 1-65535, and 0 is never valid where one is required [MQTT-2.3.1-1]. An instance hands them
 * out for one side of one session, in rotation, skipping those still in use [MQTT-2.3.1-2], so a late
 * acknowledgement is unlikely to meet a reused id. Whoever holds the flows says which ids are in use; the
 * allocator keeps nothing but its position. Not thread-safe: one per session, on its event loop.
 */
public final class PacketIds {

    public static final int MAX = 0xFFFF;

    private int last;

    /** @return the next id after the last one handed out that {@code inUse} does not claim; 0 if all are taken */
    public int next(IntPredicate inUse) {
        for (int tried = 0; tried < MAX; tried++) {
            last = last == MAX ? 1 : last + 1;
            if (!inUse.test(last)) {
                return last;
            }
        }
        return 0;
    }

    static void requireValid(int packetId) {
        if (packetId < 1 || packetId > MAX) {
            throw new IllegalArgumentException("packet id must be 1-65535, was " + packetId);
        }
    }
}
