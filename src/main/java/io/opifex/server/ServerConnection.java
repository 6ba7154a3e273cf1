package io.opifex.server;

import io.opifex.codec.packet.Connect;
import io.opifex.codec.packet.MqttPacket;
import io.opifex.codec.packet.Pingresp;
import io.opifex.codec.packet.Puback;
import io.opifex.codec.packet.Pubcomp;
import io.opifex.codec.packet.Publish;
import io.opifex.codec.packet.Pubrec;
import io.opifex.codec.packet.Pubrel;
import io.opifex.codec.packet.Subscribe;
import io.opifex.codec.packet.Unsubscribe;
import io.opifex.codec.packet.Will;
import io.opifex.connection.CloseReason;
import io.opifex.connection.Connection;
import io.opifex.connection.ConnectionHandler;
import io.opifex.server.auth.ClientIdentity;
import io.opifex.server.session.Session;
import java.util.ArrayDeque;
import org.jboss.logging.Logger;

/**
 * The broker's side of one client connection: a state enum and one switch that hands each packet to its handler.
 * Runs on the connection's event loop.
 */
public final class ServerConnection implements ConnectionHandler {

    private static final Logger LOG = Logger.getLogger(ServerConnection.class);

    private final Broker broker;
    private final Connection connection;
    private ConnectionState state = ConnectionState.AWAITING_CONNECT;
    /** Packets pipelined behind CONNECT while the session is claimed; replayed in order once connected. */
    private final ArrayDeque<MqttPacket> early = new ArrayDeque<>();
    private ClientIdentity identity;
    private Session session;
    private Will will;

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
            case CONNECTING -> early.add(packet);
            case CONNECTED -> dispatch(packet);
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
        while (!early.isEmpty() && state == ConnectionState.CONNECTED) {
            dispatch(early.poll());
        }
    }

    @Override
    public void onClosed(CloseReason reason) {
        ConnectionState before = state;
        state = ConnectionState.CLOSED;
        early.clear();
        if (before == ConnectionState.CONNECTED) {
            broker.disconnected(this, reason);
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
