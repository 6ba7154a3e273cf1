package io.opifex.server.session;

import io.opifex.codec.packet.PacketIds;
import io.opifex.codec.packet.QoS;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * Outbound QoS 1 and 2 messages sent and not yet completely acknowledged, by packet id, in the order they were
 * first sent: the order they are resent in [MQTT-4.6.0-1]. Holds at most {@code capacity}; the session's queue
 * holds the rest.
 */
public final class InflightWindow implements IntPredicate {

    /** What to do with each message in flight, e.g. resend it. */
    @FunctionalInterface
    public interface Visitor {
        void visit(int packetId, Delivery delivery);
    }

    private final int capacity;
    private final LinkedHashMap<Integer, Delivery> sent = new LinkedHashMap<>();
    private final PacketIds packetIds = new PacketIds();

    public InflightWindow(int capacity) {
        this.capacity = capacity;
    }

    public boolean hasRoom() {
        return sent.size() < capacity;
    }

    public int size() {
        return sent.size();
    }

    /**
     * @return the packet id the delivery is sent under: one not in use by another in flight [MQTT-2.3.1-2]; there
     *     is always one, the window being far smaller than the id space
     */
    int add(Delivery delivery) {
        int packetId = packetIds.next(this);
        sent.put(packetId, delivery);
        return packetId;
    }

    /** Whether a packet id is taken by a delivery in flight. */
    @Override
    public boolean test(int packetId) {
        return sent.containsKey(packetId);
    }

    /** Puts back a delivery the store kept, under the packet id it was sent with. */
    void restore(int packetId, Delivery delivery) {
        sent.put(packetId, delivery);
    }

    /** PUBACK: QoS 1 delivery complete [MQTT-4.3.2-1]. @return false if no QoS 1 message is in flight under it */
    boolean acknowledged(int packetId) {
        Delivery delivery = sent.get(packetId);
        if (delivery == null || delivery.qos() != QoS.AT_LEAST_ONCE) {
            return false;
        }
        sent.remove(packetId);
        return true;
    }

    /** PUBREC: the client has the QoS 2 message [MQTT-4.3.3-1]. @return false if none is in flight under it */
    boolean received(int packetId) {
        Delivery delivery = sent.get(packetId);
        if (delivery == null || delivery.qos() != QoS.EXACTLY_ONCE) {
            return false;
        }
        delivery.release();
        return true;
    }

    /** PUBCOMP: QoS 2 delivery complete. @return false if no released QoS 2 message is in flight under it */
    boolean completed(int packetId) {
        Delivery delivery = sent.get(packetId);
        if (delivery == null || !delivery.released()) {
            return false;
        }
        sent.remove(packetId);
        return true;
    }

    /** In the order first sent. */
    public void forEach(Visitor visitor) {
        for (Map.Entry<Integer, Delivery> entry : sent.entrySet()) {
            visitor.visit(entry.getKey(), entry.getValue());
        }
    }

    void clear() {
        sent.clear();
    }
}
