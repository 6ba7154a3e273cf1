package io.opifex.server;

import io.opifex.codec.DecodeError;
import io.opifex.codec.packet.Connack;
import io.opifex.codec.packet.Connect;
import io.opifex.codec.packet.MqttPacket;
import io.opifex.codec.packet.Pingresp;
import io.opifex.codec.packet.Puback;
import io.opifex.codec.packet.Pubcomp;
import io.opifex.codec.packet.Publish;
import io.opifex.codec.packet.Pubrec;
import io.opifex.codec.packet.Pubrel;
import io.opifex.codec.packet.ReasonCode;
import io.opifex.codec.packet.Subscribe;
import io.opifex.codec.packet.Unsubscribe;
import io.opifex.codec.packet.Will;
import io.opifex.connection.CloseReason;
import io.opifex.connection.Connection;
import io.opifex.connection.ConnectionHandler;
import io.opifex.server.auth.ClientIdentity;
import io.opifex.server.session.Session;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The broker's side of one client connection: a state enum and one switch that hands each packet to its handler.
 * Runs on the connection's event loop.
 */
public final class ServerConnection implements ConnectionHandler {

    private static final Logger LOG = Logger.getLogger(ServerConnection.class);
    /** How often a paused publisher looks whether its subscribers caught up: short against a queue's drain time. */
    private static final long CONGESTION_CHECK_MILLIS = 5;

    private final Broker broker;
    private final Connection connection;
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
    private List<Session> congested;
    private boolean paused;

    ServerConnection(Broker broker, Connection connection) {
        this.broker = broker;
        this.connection = connection;
    }

    @Override
    public void onPacket(MqttPacket packet) {
        switch (state) {
            case AWAITING_CONNECT -> {
                if (packet instanceof Connect connect) {
                    broker.connects().handle(this, connect);
                } else {
                    protocolError("first packet must be CONNECT, was " + packet.type(), "MQTT-3.1.0-1");
                }
            }
            case CONNECTING -> hold(packet);
            case CONNECTED -> {
                if (paused) {
                    hold(packet); // the rest of a read burst waits with the socket [flow control]
                } else {
                    dispatch(packet);
                }
            }
            case CLOSED -> {
            }
        }
    }

    private void dispatch(MqttPacket packet) {
        switch (packet.type()) {
            case PUBLISH -> broker.publishes().handle(this, (Publish) packet);
            case PUBACK -> broker.acks().puback(this, (Puback) packet);
            case PUBREC -> broker.acks().pubrec(this, (Pubrec) packet);
            case PUBREL -> broker.acks().pubrel(this, (Pubrel) packet);
            case PUBCOMP -> broker.acks().pubcomp(this, (Pubcomp) packet);
            case SUBSCRIBE -> broker.subscriptions().subscribe(this, (Subscribe) packet);
            case UNSUBSCRIBE -> broker.subscriptions().unsubscribe(this, (Unsubscribe) packet);
            case PINGREQ -> connection.send(Pingresp.INSTANCE); // [MQTT-3.12.4-1]
            case DISCONNECT -> {
                will = null; // [MQTT-3.14.4-3]
                connection.close(CloseReason.CLIENT_DISCONNECT);
            }
            case CONNECT -> protocolError("second CONNECT", "MQTT-3.1.0-2");
            case CONNACK, SUBACK, UNSUBACK, PINGRESP -> protocolError(packet.type() + " is never sent by a client", null);
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

    /** Closes the connection for a protocol violation, with the debug line and metric every bad input gets. */
    public void protocolError(String reason, String specId) {
        LOG.debugf("closing %s (client %s): %s%s", connection.remoteAddress(),
                identity == null ? "unknown" : identity.clientId(), reason, specId == null ? "" : " [" + specId + "]");
        broker.protocolViolation();
        connection.close(CloseReason.PROTOCOL_ERROR);
    }

    public void connecting(ClientIdentity identity, Will will) {
        this.identity = identity;
        this.will = will;
        this.state = ConnectionState.CONNECTING;
    }

    /** The session is ours and CONNACK is out: replay what arrived meanwhile. */
    public void connected(Session session) {
        this.session = session;
        this.state = ConnectionState.CONNECTED;
        replayHeld();
    }

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
            dispatch(next);
        }
    }

    @Override
    public void onClosed(CloseReason reason) {
        ConnectionState before = state;
        state = ConnectionState.CLOSED;
        held = null;
        if (before == ConnectionState.CONNECTED) {
            broker.disconnected(this, reason);
        }
    }

    /** A reusable list for the router to name congested subscribers in; empty unless paused. */
    public List<Session> congestedTargets() {
        if (congested == null) {
            congested = new ArrayList<>();
        }
        return congested;
    }

    /**
     * Stops reading from this publisher until every congested subscriber it hit has drained, or {@code maxPause}
     * passed (then the excess is dropped and counted at the full queue, and the publisher goes on).
     */
    public void pauseForCongestion(Duration maxPause) {
        if (paused) {
            return;
        }
        paused = true;
        connection.pauseReading();
        broker.metrics().publisherPaused();
        long giveUpAt = System.nanoTime() + maxPause.toNanos();
        Vertx vertx = Vertx.currentContext().owner();
        vertx.setTimer(CONGESTION_CHECK_MILLIS, id -> checkCongestion(vertx, giveUpAt));
    }

    private void checkCongestion(Vertx vertx, long giveUpAt) {
        if (state == ConnectionState.CLOSED) {
            return;
        }
        int resumeBelow = broker.congestionMark() / 2; // hysteresis: resume once well below the mark
        congested.removeIf(target -> target.backlog() <= resumeBelow);
        if (congested.isEmpty() || System.nanoTime() > giveUpAt) {
            congested.clear();
            paused = false;
            replayHeld(); // may pause again, before the socket is read any further
            if (!paused) {
                connection.resumeReading();
            }
        } else {
            vertx.setTimer(CONGESTION_CHECK_MILLIS, id -> checkCongestion(vertx, giveUpAt));
        }
    }

    /** The will to publish now that the connection ended without DISCONNECT, taken once. */
    public Will takeWill() {
        Will w = will;
        will = null;
        return w;
    }

    public Connection connection() {
        return connection;
    }

    public ClientIdentity identity() {
        return identity;
    }

    public Session session() {
        return session;
    }

    public boolean isClosed() {
        return state == ConnectionState.CLOSED;
    }
}
