package io.opifex.server;

import io.opifex.codec.packet.Connack;
import io.opifex.codec.packet.ReasonCode;
import io.opifex.codec.packet.Will;
import io.opifex.connection.CloseReason;
import io.opifex.persistence.spi.SessionState;
import io.opifex.persistence.spi.SessionStore;
import io.opifex.server.message.Message;
import io.opifex.server.metrics.BrokerMetrics;
import io.opifex.server.port.Client;
import io.opifex.server.port.Routing;
import io.opifex.server.port.Sessions;
import io.opifex.server.routing.TopicSubscriptions;
import io.opifex.server.session.Session;
import io.opifex.server.session.SessionLimits;
import io.opifex.server.session.SessionOutput;
import io.opifex.server.session.SessionOwnership;
import io.opifex.server.store.SessionSnapshots;
import io.opifex.server.store.SessionStorage;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * One session per client id: claims, takeovers, attaches and ends them. A session is touched only on its owner's
 * event loop ({@link SessionOwnership} carries the work there); a client reconnecting on another loop sends the
 * takeover there, and the session moves to the client's loop with the answer [MQTT-3.1.4-2].
 */
final class SessionRegistry implements Sessions {

    private static final Logger LOG = Logger.getLogger(SessionRegistry.class);

    private final ConcurrentHashMap<String, Session> sessions = new ConcurrentHashMap<>();
    private final SessionOwnership ownership;
    private final SessionStorage storage;
    private final TopicSubscriptions subscriptions;
    private final Routing routing;
    private final SessionLimits limits;
    private final BrokerMetrics metrics;

    SessionRegistry(SessionOwnership ownership, SessionStorage storage, TopicSubscriptions subscriptions,
                    Routing routing, SessionLimits limits, BrokerMetrics metrics) {
        this.ownership = ownership;
        this.storage = storage;
        this.subscriptions = subscriptions;
        this.routing = routing;
        this.limits = limits;
        this.metrics = metrics;
    }

    int count() {
        return sessions.size();
    }

    Iterable<Session> all() {
        return sessions.values();
    }

    /**
     * Reads the persistent sessions an earlier run left in the store: offline, their subscriptions routed, owned by
     * the context of the thread that reads them (Vert.x gives a non-event-loop thread one context) until their
     * clients connect and take them to their own loops. Call before the listeners start.
     */
    Future<Void> restore(Vertx vertx) {
        SessionStore store = storage.store();
        CompletionStage<Void> restored = store.clientIds().thenCompose(clientIds -> {
            CompletableFuture<?>[] loads = new CompletableFuture<?>[clientIds.size()];
            for (int i = 0; i < clientIds.size(); i++) {
                loads[i] = store.load(clientIds.get(i)).thenAccept(state -> restore(vertx, state))
                        .toCompletableFuture();
            }
            return CompletableFuture.allOf(loads).thenRun(() ->
                    LOG.infof("restored %d persistent sessions", clientIds.size()));
        });
        return Future.fromCompletionStage(restored);
    }

    private void restore(Vertx vertx, Optional<SessionState> stored) {
        stored.ifPresent(state -> {
            Session session = new Session(state.clientId(), vertx.getOrCreateContext(), limits, metrics);
            SessionSnapshots.restoredAtStartup(session, state);
            subscriptions.restore(session);
            storage.countStored(state, 1);
            sessions.put(session.clientId(), session);
        });
    }

    @Override
    public void claim(Client client, String clientId, boolean clean, int keepAlive) {
        Context here = Vertx.currentContext();
        Session existing = sessions.get(clientId);
        if (existing == null) {
            Session fresh = new Session(clientId, here, limits, metrics);
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

    private void takeOver(Session session, Client client, Context requester, boolean clean, int keepAlive) {
        ownership.execute(session, owned -> {
            if (owned.isDiscarded()) {
                requester.runOnContext(v -> claim(client, owned.clientId(), clean, keepAlive));
                return;
            }
            if (owned.isAttaching()) {
                // another CONNECT for this id is half way (its stored state may still be on its way): this one waits
                owned.afterAttach(() -> takeOver(owned, client, requester, clean, keepAlive));
                return;
            }
            SessionOutput old = owned.output();
            if (old != null) {
                LOG.debugf("client %s connected again from %s: closing its connection from %s", owned.clientId(),
                        client.remoteAddress(), old.remoteAddress());
                old.close(CloseReason.TAKEOVER); // publishes the old connection's will and detaches it
            }
            owned.beginAttach();
            ownership.handOver(owned, requester);
            requester.runOnContext(v -> attach(client, owned, clean, keepAlive));
        });
    }

    private void attach(Client client, Session session, boolean clean, int keepAlive) {
        boolean present = !clean && session.isPersistent(); // [MQTT-3.2.2-1], [MQTT-3.2.2-2]
        if (present && session.isStored()) {
            // its messages are in the store: take them back first, then answer the client. From here on deliveries
            // queue in memory behind what the store returns; sent to the store, those arriving between the read and
            // the delete would be deleted unread [MQTT-3.1.2-5]
            session.leaveStore();
            storage.takeBack(session, Vertx.currentContext())
                    .onSuccess(v -> finishAttach(client, session, clean, keepAlive, true));
            return;
        }
        if (session.isStored()) {
            storage.forget(session.clientId()); // [MQTT-3.1.2-6]
            session.leaveStore();
        }
        finishAttach(client, session, clean, keepAlive, present);
    }

    private void finishAttach(Client client, Session session, boolean clean, int keepAlive, boolean present) {
        connectOrLeave(client, session, clean, keepAlive, present);
        for (Runnable waiting : session.endAttach()) {
            waiting.run(); // CONNECTs for the same id that came meanwhile, in order
        }
    }

    private void connectOrLeave(Client client, Session session, boolean clean, int keepAlive, boolean present) {
        if (client.isClosed()) {
            // the client left while its session was handed over: keep the session only if it is persistent
            if (!session.isOnline()) {
                if (!clean && session.isPersistent()) {
                    storage.wentOffline(session);
                } else {
                    discard(session);
                }
            }
            return;
        }
        if (!present) {
            subscriptions.unsubscribeAll(session); // [MQTT-3.1.2-6]
            session.clearMessages();
        }
        session.attach(client.output(), clean);
        metrics.connectAccepted();
        client.send(new Connack(present, ReasonCode.SUCCESS)); // [MQTT-3.2.0-1] first packet out
        client.keepAlive(keepAlive);
        if (present) {
            session.resendInflight(); // [MQTT-4.4.0-1]
        }
        session.pump();
        client.connected(session);
    }

    /**
     * Runs on the session's loop when a connected client's connection ended, for whatever reason: a session taken
     * over moves to its new connection; otherwise a clean one ends here [MQTT-3.1.2-6] and a persistent one goes to
     * the store [MQTT-3.1.2-4]. The will is published unless the client said DISCONNECT [MQTT-3.1.2-8].
     */
    void disconnected(Client client, Session session, Will will, CloseReason reason) {
        metrics.clientDisconnected();
        session.detach(client.output());
        if (reason != CloseReason.TAKEOVER) {
            if (session.isPersistent()) {
                storage.wentOffline(session);
            } else {
                discard(session);
            }
        }
        if (will != null && reason != CloseReason.CLIENT_DISCONNECT) {
            routing.publishFrom(client.identity(),
                    new Message(will.topic(), will.payload(), will.qos(), will.retain(), System.nanoTime()), null);
        }
    }

    private void discard(Session session) {
        if (session.isStored()) {
            storage.forget(session.clientId());
            session.leaveStore();
        }
        subscriptions.unsubscribeAll(session);
        session.discard();
        sessions.remove(session.clientId(), session);
    }

    /** Closes the session's connection, if it has one, on the session's loop. */
    void disconnect(Session session, CloseReason reason) {
        ownership.execute(session, owned -> {
            SessionOutput output = owned.output();
            if (output != null) {
                output.close(reason);
            }
        });
    }
}
