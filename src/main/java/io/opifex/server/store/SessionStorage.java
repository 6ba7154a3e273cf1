package io.opifex.server.store;

import io.opifex.codec.packet.QoS;
import io.opifex.persistence.spi.EnqueueResult;
import io.opifex.persistence.spi.QueueLimit;
import io.opifex.persistence.spi.SessionState;
import io.opifex.persistence.spi.SessionStore;
import io.opifex.persistence.spi.StoredMessage;
import io.opifex.server.message.Message;
import io.opifex.server.metrics.BrokerMetrics;
import io.opifex.server.metrics.DropReason;
import io.opifex.server.session.Session;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.concurrent.CompletionStage;
import org.jboss.logging.Logger;

/**
 * What the broker asks of the session store: a persistent session's messages move there when its client goes
 * away, arrive there while it is away, and come back when it returns. The store is asynchronous; everything that
 * continues a client's work comes back onto the session's event loop.
 */
public final class SessionStorage {

    private static final Logger LOG = Logger.getLogger(SessionStorage.class);

    private final SessionStore store;
    private final SessionSnapshots snapshots;
    private final BrokerMetrics metrics;
    private final QueueLimit queueLimit;

    public SessionStorage(SessionStore store, SessionSnapshots snapshots, BrokerMetrics metrics, int maxQueued) {
        this.store = store;
        this.snapshots = snapshots;
        this.metrics = metrics;
        // when full, the newest message is refused: the client later gets the earliest data without gaps
        this.queueLimit = new QueueLimit(maxQueued, QueueLimit.Overflow.DROP_NEWEST);
    }

    /** The client of a persistent session left: its state goes to the store [MQTT-3.1.2-4]. */
    public void wentOffline(Session session) {
        SessionState state = snapshots.moveToStore(session);
        countStored(state, 1);
        timed(System.nanoTime(), store.save(state), "store the session", session.clientId());
    }

    /** A message for a persistent session whose client is away [MQTT-3.1.2-5]; QoS 0 is not kept. */
    public void enqueue(Session session, Message message, QoS qos) {
        if (qos == QoS.AT_MOST_ONCE) {
            metrics.messageDropped(DropReason.OFFLINE_QOS0);
            return;
        }
        StoredMessage stored = snapshots.queued(message, qos);
        long started = System.nanoTime();
        store.enqueue(session.clientId(), stored, queueLimit).whenComplete((result, error) -> {
            metrics.storeWrite(System.nanoTime() - started);
            if (error != null) {
                LOG.errorf(error, "could not queue a message for client %s", session.clientId());
                metrics.messageDropped(DropReason.QUEUE_FULL);
            } else {
                counted(result, stored.payload().length);
            }
        });
    }

    /** Only the offered message's bytes are known: with DROP_NEWEST nothing else is ever evicted. */
    private void counted(EnqueueResult result, int payloadBytes) {
        switch (result.outcome()) {
            case QUEUED -> metrics.queuedChanged(1 - result.dropped(), payloadBytes);
            case REFUSED_QUEUE_FULL -> {
            }
            case NO_SESSION -> LOG.debugf("message for a session that is no longer stored: not queued");
        }
        for (int i = 0; i < result.dropped(); i++) {
            metrics.messageDropped(DropReason.QUEUE_FULL);
        }
    }

    /**
     * The client is back: reads the stored state into the session and removes it from the store, completing on
     * {@code owner}. Deliveries meanwhile queue in memory behind it.
     */
    public Future<Void> takeBack(Session session, Context owner) {
        Promise<Void> taken = Promise.promise();
        String clientId = session.clientId();
        store.load(clientId).whenComplete((state, error) -> owner.runOnContext(v -> {
            if (error != null) {
                LOG.errorf(error, "could not read the stored session of client %s: it starts empty", clientId);
                taken.complete();
                return;
            }
            state.ifPresent(s -> {
                countStored(s, -1);
                snapshots.restore(session, s);
            });
            // the copy was just read and counted out: only the record goes
            timed(System.nanoTime(), store.delete(clientId), "delete the stored session", clientId);
            taken.complete();
        }));
        return taken.future();
    }

    /**
     * Drops the stored copy: clean session 1 took the id over, or the session ended [MQTT-3.1.2-6]. Read first, so
     * the queued-message gauges lose what the store held.
     */
    public void forget(String clientId) {
        timed(System.nanoTime(), store.load(clientId).thenCompose(state -> {
            state.ifPresent(s -> countStored(s, -1));
            return store.delete(clientId);
        }), "delete the stored session", clientId);
    }

    /** Adds ({@code sign} 1) or removes (-1) a stored state's messages and bytes from the queue gauges. */
    public void countStored(SessionState state, int sign) {
        metrics.queuedChanged(sign * (state.queued().size() + state.inflight().size()),
                sign * SessionSnapshots.payloadBytes(state));
    }

    /** Times a store write for the histogram and logs its failure; nothing waits for it. */
    private void timed(long started, CompletionStage<?> write, String action, String clientId) {
        write.whenComplete((ok, error) -> {
            metrics.storeWrite(System.nanoTime() - started);
            if (error != null) {
                LOG.errorf(error, "could not %s of client %s", action, clientId);
            }
        });
    }

    /** The stored sessions, for the restore at start-up. */
    public SessionStore store() {
        return store;
    }
}
