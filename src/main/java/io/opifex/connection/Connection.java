package io.opifex.connection;

import io.opifex.codec.packet.MqttPacket;
import io.opifex.codec.packet.ProtocolVersion;

/**
 * What the protocol layer sees of a client connection, whatever the transport. Every method must be called on the
 * connection's event loop.
 */
public interface Connection {

    /** Starts reading; {@code handler} receives every packet and, once, the close. */
    void start(ConnectionHandler handler);

    /**
     * Queues a packet, encoded in the form of the connection's {@link #protocolVersion()}; packets queued while a
     * read burst is processed go out in one write at its end.
     */
    void send(MqttPacket packet);

    /** Flushes what is queued, closes, and reports {@code reason} to the handler unless it already closed. */
    void close(CloseReason reason);

    /** Enforces the keep-alive: close when nothing arrives within 1.5 times {@code seconds}; 0 turns it off. */
    void keepAlive(int seconds);

    /**
     * Stops reading from the client until {@link #resumeReading()}: flow control for a publisher whose messages
     * pile up at slow subscribers. Time paused does not count against the keep-alive.
     */
    void pauseReading();

    void resumeReading();

    /** False while the socket's write queue is over its high-water mark: a slow reader. */
    boolean isWritable();

    boolean isOpen();

    /** The version the CONNECT decided for this connection, or null before one did (then 3.1.1 is written). */
    ProtocolVersion protocolVersion();

    String remoteAddress();

    String listenerName();
}
