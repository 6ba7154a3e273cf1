package io.opifex.server.session;

import io.opifex.connection.CloseReason;

/**
 * Where a session's deliveries go while its client is connected: the connection's outbound writer, which turns
 * them into packets for the protocol version that client speaks. The session decides what to send and when; the
 * writer decides how it looks on the wire. Closing it ends the client's connection.
 */
public interface SessionOutput {

    /** False while the client does not keep up with what was written to it: QoS 0 is then shed. */
    boolean isWritable();

    /** Sends a delivery for the first time; {@code packetId} is 0 for QoS 0. */
    void publish(Delivery delivery, int packetId);

    /** Sends an unacknowledged delivery again, with DUP set [MQTT-4.4.0-1]. */
    void resend(Delivery delivery, int packetId);

    /** Sends (or resends) the PUBREL of a QoS 2 delivery the client has received. */
    void release(int packetId);

    /** Ends the client's connection, e.g. when another connection takes the session over [MQTT-3.1.4-2]. */
    void close(CloseReason reason);

    /** host:port of the client, for logs. */
    String remoteAddress();
}
