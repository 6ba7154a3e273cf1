package io.opifex.server.port;

import io.opifex.codec.packet.MqttPacket;
import io.opifex.codec.packet.Will;
import io.opifex.connection.CloseReason;
import io.opifex.server.auth.ClientIdentity;
import io.opifex.server.session.DrainListener;
import io.opifex.server.session.Session;
import io.opifex.server.session.SessionOutput;

/**
 * One client connection as the packet handlers and the session registry see it, whatever transport it came by.
 * Every method runs on the connection's event loop.
 */
public interface Client {

    /** Null until a CONNECT was accepted. */
    ClientIdentity identity();

    /** Null until the connection is CONNECTED. */
    Session session();

    String remoteAddress();

    void send(MqttPacket packet);

    void close(CloseReason reason);

    boolean isClosed();

    /** Closes the connection for a protocol violation, with the debug line and metric every bad input gets. */
    void protocolError(String reason, String specId);

    // ---- CONNECT

    /** The CONNECT passed its checks and its session is being claimed: later packets wait until {@link #connected}. */
    void accepted(ClientIdentity identity, Will will);

    /** Enforces the keep-alive the client asked for; 0 turns it off. */
    void keepAlive(int seconds);

    /** Where the session's deliveries go while this connection is attached to it. */
    SessionOutput output();

    /** CONNACK is out and the session is attached: the packets that waited are handled now, in order. */
    void connected(Session session);

    /** DISCONNECT arrived: the will is not published [MQTT-3.14.4-3]. */
    void discardWill();

    // ---- flow control

    /** Told by each congested session once it drained; stale after the pause it was handed out for ended. */
    DrainListener drainListener();

    /**
     * Stops reading from this publisher until the {@code sessions} congested ones it just published to have
     * drained, or the configured pause limit passed.
     */
    void pauseUntilDrained(int sessions);
}
