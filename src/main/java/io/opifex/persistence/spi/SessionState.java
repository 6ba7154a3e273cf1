package io.opifex.persistence.spi;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Everything a persistent (clean session 0) session must keep while its client is away [MQTT-3.1.2-4]:
 *
 * @param subscriptions in the order they were made, one per filter
 * @param inflight outbound QoS 1/2 messages not completely acknowledged, in the order first sent, which is the
 *     order they must be resent in [MQTT-4.6.0-1]
 * @param queued messages that arrived while the client was offline, oldest first
 * @param awaitingPubrel inbound QoS 2 packet ids that were received and PUBREC'd but not yet released by a
 *     PUBREL; a PUBLISH reusing one of them is a duplicate and must not be delivered onwards again [MQTT-4.3.3-2]
 */
public record SessionState(String clientId, List<StoredSubscription> subscriptions,
        List<InflightMessage> inflight, List<StoredMessage> queued, Set<Integer> awaitingPubrel) {

    /** Copies the collections, so a state handed to or returned by a store is immutable and detached. */
    public SessionState {
        Objects.requireNonNull(clientId, "clientId");
        subscriptions = List.copyOf(subscriptions);
        inflight = List.copyOf(inflight);
        queued = List.copyOf(queued);
        awaitingPubrel = Collections.unmodifiableSet(new LinkedHashSet<>(awaitingPubrel));
        for (int packetId : awaitingPubrel) {
            PacketIdRange.requireValid(packetId);
        }
    }

    /** A fresh session: no subscriptions, nothing in flight or queued. */
    public static SessionState empty(String clientId) {
        return new SessionState(clientId, List.of(), List.of(), List.of(), Set.of());
    }
}
