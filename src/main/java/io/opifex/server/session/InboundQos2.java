package io.opifex.server.session;

import java.util.HashSet;
import java.util.Set;

/**
 * Packet ids of inbound QoS 2 messages that were routed and PUBREC'd but not yet released by PUBREL: a PUBLISH
 * reusing one of them is a resend and must not be routed again [MQTT-4.3.3-2].
 */
public final class InboundQos2 {

    private final Set<Integer> awaitingRelease = new HashSet<>();

    /** @return true the first time a packet id is seen, false for a resend before PUBREL */
    public boolean arrived(int packetId) {
        return awaitingRelease.add(packetId);
    }

    /** PUBREL: the client will not resend this packet id. */
    public void released(int packetId) {
        awaitingRelease.remove(packetId);
    }

    public Set<Integer> snapshot() {
        return Set.copyOf(awaitingRelease);
    }

    public void restore(Iterable<Integer> packetIds) {
        packetIds.forEach(awaitingRelease::add);
    }

    public void clear() {
        awaitingRelease.clear();
    }
}
