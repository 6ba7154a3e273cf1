package io.opifex.server;

import io.opifex.codec.packet.QoS;
import io.opifex.persistence.spi.QoSLevel;
import io.opifex.persistence.spi.EnqueueResult;
import io.opifex.persistence.spi.Persistence;
import io.opifex.persistence.spi.QueueLimit;
import io.opifex.persistence.spi.SessionState;
import io.opifex.persistence.spi.StoredMessage;
import io.opifex.server.session.MessageIds;
import io.opifex.server.session.Session;
import io.opifex.server.session.SessionEvents;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.jboss.logging.Logger;

/**
 * What the broker asks of the session store: a persistent session's messages move there when its client goes
 * away, arrive there while it is away, and come back when it returns. The store is asynchronous; everything
 * that continues a client's work comes back onto the session's event loop.
 */
final class SessionPersistence {

    private static final Logger LOG = Logger.getLogger(SessionPersistence.class);

    private final Persistence persistence;
    private final SessionEvents events;
    private final QueueLimit queueLimit;
    private final MessageIds messageIds = new MessageIds();

    SessionPersistence(Persistence persistence, SessionEvents events, int maxQueuedMessages) {
        this.persistence = persistence;
        this.events = events;
        // when full, the newest message is refused: the client later gets the earliest data without gaps
        this.queueLimit = new QueueLimit(maxQueuedMessages, QueueLimit.Overflow.DROP_NEWEST);
    }

    /** The client of a persistent session left: its state goes to the store [MQTT-3.1.2-4]. */
    void wentOffline(Session session) {
        SessionState state = session.moveToStore(messageIds);
        countStored(state, 1);
        timed(System.nanoTime(), persistence.sessions().save(state), "store the session", session.clientId());
    }

    /** A message for a persistent session whose client is away [MQTT-3.1.2-5]; QoS 0 is not kept. */
    void enqueue(Session session, Message message, QoS qos) {
        if (qos == QoS.AT_MOST_ONCE) {
            events.dropped(DropReason.OFFLINE_QOS0);
            return;
        }
        StoredMessage stored = new StoredMessage(messageIds.next(), message.topic(), message.payload(), QoSLevel.of(qos.value()), false,
                System.currentTimeMillis());
        long started = System.nanoTime();
        persistence.sessions().enqueue(session.clientId(), stored, queueLimit).whenComplete((result, error) -> {
            events.storeWrite(System.nanoTime() - started);
            if (error != null) {
                LOG.errorf(error, "could not queue a message for client %s", session.clientId());
                events.dropped(DropReason.QUEUE_FULL);
            } else {
                counted(result, stored.payload().length);
            }
        });
    }

    /** Only the offered message's bytes are known: with DROP_NEWEST nothing else is ever evicted. */
    private void counted(EnqueueResult result, int payloadBytes) {
        switch (result.outcome()) {
            case QUEUED -> events.queuedChanged(1 - result.dropped(), payloadBytes);
            case REFUSED_QUEUE_FULL -> {
            }
            case NO_SESSION -> LOG.debugf("message for a session that is no longer stored: not queued");
        }
        for (int i = 0; i < result.dropped(); i++) {
            events.dropped(DropReason.QUEUE_FULL);
        }
    }

    /**
     * The client is back: reads the stored state and removes it from the store, completing on {@code owner}.
     * Deliveries meanwhile queue in memory behind it.
     */
    Future<Optional<SessionState>> takeBack(Session session, Context owner) {
        Promise<Optional<SessionState>> taken = Promise.promise();
        String clientId = session.clientId();
        persistence.sessions().load(clientId).whenComplete((state, error) -> owner.runOnContext(v -> {
            if (error != null) {
                LOG.errorf(error, "could not read the stored session of client %s: it starts empty", clientId);
                taken.complete(Optional.empty());
                return;
            }
            state.ifPresent(s -> countStored(s, -1));
            // the copy was just read and counted out: only the record goes
            timed(System.nanoTime(), persistence.sessions().delete(clientId), "delete the stored session", clientId);
            taken.complete(state);
        }));
        return taken.future();
    }

    /**
     * Drops the stored copy: clean session 1 took the id over, or the session ended [MQTT-3.1.2-6]. Read first, so
     * the queued-message gauges lose what the store held.
     */
    void forget(String clientId) {
        timed(System.nanoTime(), persistence.sessions().load(clientId).thenCompose(state -> {
            state.ifPresent(s -> countStored(s, -1));
            return persistence.sessions().delete(clientId);
        }), "delete the stored session", clientId);
    }

    /** Adds ({@code sign} 1) or removes (-1) a stored state's messages and bytes from the queue gauges. */
    void countStored(SessionState state, int sign) {
        events.queuedChanged(sign * (state.queued().size() + state.inflight().size()),
                sign * (Session.payloadBytes(state.queued()) + Session.inflightBytes(state.inflight())));
    }

    /** Times a store write for the histogram and logs its failure; nothing waits for it. */
    private void timed(long started, CompletionStage<?> write, String action, String clientId) {
        write.whenComplete((ok, error) -> {
            events.storeWrite(System.nanoTime() - started);
            if (error != null) {
                LOG.errorf(error, "could not %s of client %s", action, clientId);
            }
        });
    }

    Persistence persistence() {
        return persistence;
    }
}
