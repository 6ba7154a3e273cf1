package io.opifex.server.session;

import io.opifex.codec.packet.QoS;
import io.opifex.server.message.Message;
import java.util.ArrayList;
import java.util.List;

/**
 * A session moving to another event loop: the fences still to arrive from the loops that route, and the messages
 * routed straight to the new owner meanwhile, which must wait until those routed through the old owner have been
 * forwarded, so that one publisher's messages stay in order [MQTT-4.6.0-6]. Only exists while a move is under way.
 */
final class Handover {

    private int fencesPending;
    /** Null until a message has to wait. */
    private List<Delivery> held;

    /** Fences of an earlier, unfinished move still count. */
    void begin(int fences) {
        fencesPending += fences;
    }

    boolean isUnderWay() {
        return fencesPending > 0;
    }

    void hold(Message message, QoS qos) {
        if (held == null) {
            held = new ArrayList<>();
        }
        held.add(new Delivery(message, qos, false));
    }

    /** One fence arrived. @return the held deliveries, oldest first, once the last one did; else nothing */
    List<Delivery> fenceArrived() {
        if (fencesPending > 0 && --fencesPending == 0 && held != null) {
            List<Delivery> released = held;
            held = null;
            return released;
        }
        return List.of();
    }
}
