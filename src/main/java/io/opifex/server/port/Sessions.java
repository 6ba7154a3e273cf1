package io.opifex.server.port;

/** The session registry: one session per client id, taken over by the newest connection. */
public interface Sessions {

    /**
     * After CONNECT passed its checks: takes over or creates the session of {@code clientId}, attaches the client
     * and sends CONNACK, or leaves it alone if the client went away meanwhile. Runs on the client's event loop; the
     * rest may run on the session's.
     */
    void claim(Client client, String clientId, boolean cleanSession, int keepAliveSeconds);
}
