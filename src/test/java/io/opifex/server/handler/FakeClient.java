package io.opifex.server.handler;

import io.opifex.codec.packet.MqttPacket;
import io.opifex.codec.packet.Will;
import io.opifex.connection.CloseReason;
import io.opifex.server.auth.ClientIdentity;
import io.opifex.server.metrics.BrokerMetrics;
import io.opifex.server.port.Client;
import io.opifex.server.session.DrainListener;
import io.opifex.server.session.Session;
import io.opifex.server.session.SessionLimits;
import io.opifex.server.session.SessionOutput;
import java.util.ArrayList;
import java.util.List;

/** A client connection without a socket: records what handlers send it and how they end it. */
class FakeClient implements Client {

    final List<MqttPacket> sent = new ArrayList<>();
    final DrainListener drainListener = () -> { };
    CloseReason closedWith;
    String protocolError;
    String protocolErrorSpec;
    ClientIdentity identity;
    Will will;
    Session session;
    int pausedFor;

    /** A connected client with a session of its own. */
    static FakeClient connected(String clientId) {
        FakeClient client = new FakeClient();
        client.identity = new ClientIdentity(clientId, null);
        client.session = new Session(clientId, null, new SessionLimits(16, 100), BrokerMetrics.NONE);
        return client;
    }

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
        return "127.0.0.1:1";
    }

    @Override
    public void send(MqttPacket packet) {
        sent.add(packet);
    }

    @Override
    public void close(CloseReason reason) {
        if (closedWith == null) {
            closedWith = reason;
        }
    }

    @Override
    public boolean isClosed() {
        return closedWith != null;
    }

    @Override
    public void protocolError(String reason, String specId) {
        protocolError = reason;
        protocolErrorSpec = specId;
        close(CloseReason.PROTOCOL_ERROR);
    }

    @Override
    public void accepted(ClientIdentity identity, Will will) {
        this.identity = identity;
        this.will = will;
    }

    @Override
    public void keepAlive(int seconds) {
    }

    @Override
    public SessionOutput output() {
        throw new UnsupportedOperationException("handlers never attach sessions");
    }

    @Override
    public void connected(Session session) {
        this.session = session;
    }

    @Override
    public void discardWill() {
        will = null;
    }

    @Override
    public DrainListener drainListener() {
        return drainListener;
    }

    @Override
    public void pauseUntilDrained(int sessions) {
        pausedFor += sessions;
    }
}
