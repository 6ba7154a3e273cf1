package io.opifex.server.session;

import io.opifex.codec.packet.PacketIds;
import java.util.Map;

/** Hands out outbound packet identifiers 1-65535, skipping those still in flight [MQTT-2.3.1-2]. */
final class PacketIdAllocator {

    private int last;

    /** @return a free id; the caller guarantees fewer than 65535 are in use (the in-flight window is smaller) */
    int next(Map<Integer, ?> inUse) {
        do {
            last = last == PacketIds.MAX ? 1 : last + 1;
        } while (inUse.containsKey(last));
        return last;
    }
}
