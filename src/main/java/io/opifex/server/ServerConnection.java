package io.opifex.server;

import io.opifex.codec.DecodeError;
import io.opifex.codec.packet.Connack;
import io.opifex.codec.packet.Connect;
import io.opifex.codec.packet.MqttPacket;
import io.opifex.codec.packet.ReasonCode;
import io.opifex.codec.packet.Will;
import io.opifex.connection.CloseReason;
import io.opifex.connection.Connection;
import io.opifex.connection.ConnectionHandler;
import io.opifex.server.auth.ClientIdentity;
import io.opifex.server.handler.ConnectHandler;
import io.opifex.server.handler.PacketHandlers;
import io.opifex.server.metrics.BrokerMetrics;
import io.opifex.server.port.Client;
import io.opifex.server.session.DrainListener;
import io.opifex.server.session.Session;
import io.opifex.server.session.SessionOutput;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayDeque;
import org.jboss.logging.Logger;

/**
 * The broker's side of one client connection, whatever transport it came by: a state enum that gates what may
 * arrive, and a dispatch table that hands each packet to its handler. Runs on the connection's event loop.
 */
final class ServerConnection implements ConnectionHandler, Client {

    private static final Logger LOG = Logger.getLogger(ServerConnection.class);
    private static final long NO_TIMER = -1;

    /** What every connection of one broker shares. */
    record Shared(ConnectHandler connects, PacketHandlers handlers, SessionRegistry registry, BrokerMetrics metrics,
                  DeliveryLatency latency, Duration maxPublisherPause) {
    }

    private final Connection connection;
    private final Shared shared;
    private final Context context;
    private ConnectionState state = ConnectionState.AWAITING_CONNECT;
    /**
     * Packets that arrived while they could not be handled: pipelined behind CONNECT while the session is claimed,
     * or behind a PUBLISH that paused this publisher. Replayed in order; bounded by one socket read. Null while
     * nothing is held, as it is for almost every connection almost always.
     */
    private ArrayDeque<MqttPacket> held;
    private ClientIdentity identity;
    private Session session;
    private Will will;
    private OutboundWriter output;
    /** The listener handed to congested sessions for the current or next pause; null until one is needed. */
    private Pause pause;
    private boolean paused;
    private long pauseTimer = NO_TIMER;

    ServerConnection(Connection connection, Shared shared) {
        this.connection = connection;
        this.shared = shared;
        this.context = Vertx.currentContext();
    }

    @Override
    public void onPacket(MqttPacket packet) {
        switch (state) {
            case AWAITING_CONNECT -> {
                if (packet instanceof Connect connect) {
                    shared.connects().handle(this, connect);
                } else {
                    protocolError("first packet must be CONNECT, was " + packet.type(), "MQTT-3.1.0-1");
                }
            }
            case CONNECTING -> hold(packet);
            case CONNECTED -> {
                if (paused) {
                    hold(packet); // the rest of a read burst waits with the socket [flow control]
                } else {
                    shared.handlers().dispatch(this, packet);
                }
            }
            case CLOSED -> {
            }
        }
    }

    @Override
    public void onClosed(CloseReason reason) {
        ConnectionState before = state;
        state = ConnectionState.CLOSED;
        held = null;
        cancelPauseTimer();
        if (before == ConnectionState.CONNECTED) {
            shared.registry().disconnected(this, session, will, reason);
        }
    }

    /** Malformed input closes the connection; a CONNECT of a level we do not speak is answered first. */
    @Override
    public void onDecodeError(DecodeError error) {
        if (error.reason() == DecodeError.Reason.UNSUPPORTED_PROTOCOL_LEVEL
                && state == ConnectionState.AWAITING_CONNECT) {
            // [MQTT-3.1.2-2] CONNACK 0x01 (in the 3.1.1 form: no version was decided), then disconnect
            connection.send(new Connack(false, ReasonCode.UNSUPPORTED_PROTOCOL_VERSION));
            connection.close(CloseReason.CONNECT_REFUSED);
        }
    }

    // ---- Client: what handlers and the registry see

    @Override
    public ClientIdentity identity() {
        return identity;
    }

    @Override
    public Session session() {
        return session;
    }

    @Override
    public String remoteAddress() {
        return connection.remoteAddress();
    }

    @Override
    public void send(MqttPacket packet) {
        connection.send(packet);
    }

    @Override
    public void close(CloseReason reason) {
        connection.close(reason);
    }

    @Override
    public boolean isClosed() {
        return state == ConnectionState.CLOSED;
    }

    @Override
    public void protocolError(String reason, String specId) {
        LOG.debugf("closing %s (client %s): %s%s", connection.remoteAddress(),
                identity == null ? "unknown" : identity.clientId(), reason, specId == null ? "" : " [" + specId + "]");
        shared.metrics().protocolViolation();
        connection.close(CloseReason.PROTOCOL_ERROR);
    }

    @Override
    public void accepted(ClientIdentity identity, Will will) {
        this.identity = identity;
        this.will = will;
        this.state = ConnectionState.CONNECTING;
    }

    @Override
    public void keepAlive(int seconds) {
        connection.keepAlive(seconds);
    }

    @Override
    public SessionOutput output() {
        if (output == null) {
            output = new OutboundWriter(connection, shared.metrics(), shared.latency());
        }
        return output;
    }

    @Override
    public void connected(Session session) {
        this.session = session;
        this.state = ConnectionState.CONNECTED;
        replayHeld();
    }

    @Override
    public void discardWill() {
        will = null;
    }

    // ---- flow control

    @Override
    public DrainListener drainListener() {
        if (pause == null) {
            pause = new Pause();
        }
        return pause;
    }

    @Override
    public void pauseUntilDrained(int sessions) {
        pause.outstanding += sessions;
        if (paused) {
            return;
        }
        paused = true;
        connection.pauseReading();
        shared.metrics().publisherPaused();
        Pause current = pause;
        // the limit: then the excess is dropped and counted at the full queue, and the publisher goes on
        pauseTimer = context.owner().setTimer(shared.maxPublisherPause().toMillis(), id -> {
            pauseTimer = NO_TIMER;
            resume(current);
        });
    }

    private void resume(Pause ended) {
        if (ended != pause || state == ConnectionState.CLOSED) {
            return;
        }
        cancelPauseTimer();
        pause = null; // listeners of this pause that report late are stale now
        paused = false;
        replayHeld(); // may pause again, before the socket is read any further
        if (!paused) {
            connection.resumeReading();
        }
    }

    private void cancelPauseTimer() {
        if (pauseTimer != NO_TIMER) {
            context.owner().cancelTimer(pauseTimer);
            pauseTimer = NO_TIMER;
        }
    }

    /** Handed to each congested session; they call it from their own loops, and it carries the news here. */
    private final class Pause implements DrainListener {
        /** Congested sessions that have not drained yet; only touched on this connection's loop. */
        int outstanding;

        @Override
        public void drained() {
            context.runOnContext(v -> {
                if (this == pause && --outstanding == 0) {
                    resume(this);
                }
            });
        }
    }

    // ---- packets that wait

    private void hold(MqttPacket packet) {
        if (held == null) {
            held = new ArrayDeque<>();
        }
        held.add(packet);
    }

    private void replayHeld() {
        while (held != null && state == ConnectionState.CONNECTED && !paused) {
            MqttPacket next = held.poll();
            if (next == null) {
                held = null;
                return;
            }
            shared.handlers().dispatch(this, next);
        }
    }
}
