package io.opifex.server;

import io.opifex.codec.packet.Connack;
import io.opifex.codec.packet.ReasonCode;
import io.opifex.codec.packet.Will;
import io.opifex.connection.CloseReason;
import io.opifex.connection.Connection;
import io.opifex.server.session.Session;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Claims, takes over, attaches and ends sessions. A session is touched only on its owner's event loop; a client
 * reconnecting on another loop sends the takeover there, and the session moves back with the answer [MQTT-3.1.4-2].
 */
final class SessionLifecycle {

    private static final Logger LOG = Logger.getLogger(SessionLifecycle.class);

    private final Broker broker;
    private final ConcurrentHashMap<String, Session> sessions = new ConcurrentHashMap<>();

    SessionLifecycle(Broker broker) {
        this.broker = broker;
    }

    int sessionCount() {
        return sessions.size();
    }


    Iterable<Session> all() {
        return sessions.values();
    }

    /** A session read from the store at start-up, before any client connects. */
    void restored(Session session) {
        sessions.put(session.clientId(), session);
    }

    /** Runs on the new connection's loop after CONNECT passed its checks. */
    void claim(ServerConnection client, String clientId, boolean clean, int keepAlive) {
        Context here = Vertx.currentContext();
        Session existing = sessions.get(clientId);
        if (existing == null) {
            Session fresh = new Session(clientId, here, broker.sessionEvents());
            if (sessions.putIfAbsent(clientId, fresh) != null) {
                claim(client, clientId, clean, keepAlive); // lost a race with another CONNECT: take that one over
                return;
            }
            fresh.beginAttach();
            attach(client, fresh, clean, keepAlive);
        } else {
            takeOver(existing, client, here, clean, keepAlive);
        }
    }

    private void takeOver(Session session, ServerConnection client, Context requester, boolean clean, int keepAlive) {
        Context owner = session.owner();
        if (owner != Vertx.currentContext()) {
            owner.runOnContext(v -> takeOver(session, client, requester, clean, keepAlive));
            return;
        }
        if (session.isDiscarded()) {
            requester.runOnContext(v -> claim(client, session.clientId(), clean, keepAlive));
            return;
        }
        if (session.isAttaching()) {
            // another CONNECT for this id is half way (its stored state may still be on its way): this one waits
            session.afterAttach(() -> takeOver(session, client, requester, clean, keepAlive));
            return;
        }
        Connection old = session.connection();
        if (old != null) {
            LOG.debugf("client %s connected again from %s: closing its connection from %s", session.clientId(),
                    client.connection().remoteAddress(), old.remoteAddress());
            old.close(CloseReason.TAKEOVER); // publishes the old connection's will and detaches it
        }
        session.beginAttach();
        broker.handOver(session, requester);
        requester.runOnContext(v -> attach(client, session, clean, keepAlive));
    }

    private void attach(ServerConnection client, Session session, boolean clean, int keepAlive) {
        boolean present = !clean && session.isPersistent(); // [MQTT-3.2.2-1], [MQTT-3.2.2-2]
        if (present && session.isStored()) {
            // its messages are in the store: take them back first, then answer the client. From here on deliveries
            // queue in memory behind what the store returns; sent to the store, those arriving between the read and
            // the delete would be deleted unread [MQTT-3.1.2-5]
            session.leaveStore();
            broker.persistence().takeBack(session, Vertx.currentContext()).onSuccess(state -> {
                state.ifPresent(session::restoreFromStore);
                finishAttach(client, session, clean, keepAlive, true);
            });
            return;
        }
        if (session.isStored()) {
            broker.persistence().forget(session.clientId()); // [MQTT-3.1.2-6]
            session.leaveStore();
        }
        finishAttach(client, session, clean, keepAlive, present);
    }

    private void finishAttach(ServerConnection client, Session session, boolean clean, int keepAlive,
                              boolean present) {
        connectOrLeave(client, session, clean, keepAlive, present);
        for (Runnable waiting : session.endAttach()) {
            waiting.run(); // CONNECTs for the same id that came meanwhile, in order
        }
    }

    private void connectOrLeave(ServerConnection client, Session session, boolean clean, int keepAlive,
                                boolean present) {
        if (client.isClosed()) {
            // the client left while its session was handed over: keep the session only if it is persistent
            if (!session.isOnline()) {
                if (!clean && session.isPersistent()) {
                    broker.persistence().wentOffline(session);
                } else {
                    discard(session);
                }
            }
            return;
        }
        if (!present) {
            broker.unsubscribeAll(session); // [MQTT-3.1.2-6]
            session.clearMessages();
        }
        Connection connection = client.connection();
        session.attach(connection, clean);
        broker.stats().clientsConnected.incrementAndGet();
        broker.metrics().connectAccepted();
        connection.send(new Connack(present, ReasonCode.SUCCESS)); // [MQTT-3.2.0-1] first packet out
        connection.keepAlive(keepAlive);
        if (present) {
            session.resendInflight(); // [MQTT-4.4.0-1]
        }
        session.pump(broker.settings().maxInflight());
        client.connected(session);
    }

    /** Runs on the session's loop when a connected client's connection ended, for whatever reason. */
    void disconnected(ServerConnection client, CloseReason reason) {
        Session session = client.session();
        broker.stats().clientsConnected.decrementAndGet();
        Will will = reason == CloseReason.CLIENT_DISCONNECT ? null : client.takeWill();
        if (session.connection() == client.connection()) {
            session.detach();
        }
        // a session being taken over moves to its new connection; otherwise a clean one ends here [MQTT-3.1.2-6]
        // and a persistent one goes to the store [MQTT-3.1.2-4]
        if (reason != CloseReason.TAKEOVER) {
            if (session.isPersistent()) {
                broker.persistence().wentOffline(session);
            } else {
                discard(session);
            }
        }
        if (will != null) {
            // [MQTT-3.1.2-8] published when the connection closes without DISCONNECT
            broker.publishWill(client.identity(), will);
        }
    }

    private void discard(Session session) {
        if (session.isStored()) {
            broker.persistence().forget(session.clientId());
            session.leaveStore();
        }
        broker.unsubscribeAll(session);
        session.discard();
        sessions.remove(session.clientId(), session);
    }
}
