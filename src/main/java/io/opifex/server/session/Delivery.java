package io.opifex.server.session;

import io.opifex.codec.packet.QoS;
import io.opifex.server.message.Message;

/**
 * One message on its way to one session, at the QoS granted to it: waiting in the session's queue, then in flight
 * until acknowledged. The message itself is shared by every subscriber; this is the per-session part.
 */
public final class Delivery {

    private final Message message;
    private final QoS qos;
    private final boolean retainFlag;
    /** QoS 2: PUBREC arrived; from now on only PUBREL is resent [MQTT-4.3.3-1]. */
    private boolean released;

    /** @param retainFlag RETAIN as the client sees it: 1 only for retained messages sent on subscribe */
    public Delivery(Message message, QoS qos, boolean retainFlag) {
        this.message = message;
        this.qos = qos;
        this.retainFlag = retainFlag;
    }

    public Message message() {
        return message;
    }

    public QoS qos() {
        return qos;
    }

    public boolean retainFlag() {
        return retainFlag;
    }

    public boolean released() {
        return released;
    }

    void release() {
        released = true;
    }

    /** After a restart or a reconnect: the phase the store kept. */
    public Delivery released(boolean wasReleased) {
        released = wasReleased;
        return this;
    }

    int payloadBytes() {
        return message.payload().length;
    }
}
