package io.opifex.server;

import io.opifex.codec.packet.QoS;
import io.opifex.persistence.spi.Persistence;
import io.opifex.persistence.spi.SessionState;
import io.opifex.persistence.spi.StoredMessage;
import io.opifex.persistence.spi.StoredSubscription;
import io.opifex.server.session.Session;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jboss.logging.Logger;

/** Rebuilds the broker's routing state from the store at start-up, before any client connects. */
final class StoreRestore {

    private static final Logger LOG = Logger.getLogger(StoreRestore.class);
    /** Every retained topic but the '$' ones; those ($SYS) are the broker's own and republished anyway. */
    private static final String ALL_TOPICS = "#";

    private final Vertx vertx;
    private final Broker broker;
    private final Persistence persistence;

    StoreRestore(Vertx vertx, Broker broker, Persistence persistence) {
        this.vertx = vertx;
        this.broker = broker;
        this.persistence = persistence;
    }

    Future<Void> run() {
        CompletionStage<Void> retained = persistence.retained().match(ALL_TOPICS).thenAccept(this::restoreRetained);
        CompletionStage<Void> sessions = persistence.sessions().clientIds().thenCompose(this::restoreSessions);
        return Future.fromCompletionStage(retained.thenCombine(sessions, (a, b) -> (Void) null));
    }

    private void restoreRetained(List<StoredMessage> messages) {
        long now = System.nanoTime();
        for (StoredMessage m : messages) {
            broker.restoreRetained(new Message(m.topic(), m.payload(), QoS.of(m.qos().value()), true, now));
        }
        LOG.infof("restored %d retained messages", messages.size());
    }

    private CompletionStage<Void> restoreSessions(List<String> clientIds) {
        CompletableFuture<?>[] loads = new CompletableFuture<?>[clientIds.size()];
        for (int i = 0; i < clientIds.size(); i++) {
            loads[i] = persistence.sessions().load(clientIds.get(i)).thenAccept(this::restoreSession)
                    .toCompletableFuture();
        }
        return CompletableFuture.allOf(loads).thenRun(() ->
                LOG.infof("restored %d persistent sessions", clientIds.size()));
    }

    private void restoreSession(Optional<SessionState> stored) {
        stored.ifPresent(state -> {
            // each session gets an event loop of its own, round-robin; it moves to its client's loop on connect
            Session session = new Session(state.clientId(), vertx.getOrCreateContext(), broker.sessionEvents());
            session.restoredAtStartup(state);
            for (StoredSubscription subscription : state.subscriptions()) {
                broker.routeTo(session, subscription.topicFilter(), QoS.of(subscription.qos().value()));
            }
            broker.persistence().countStored(state, 1);
            broker.lifecycle().restored(session);
        });
    }
}
