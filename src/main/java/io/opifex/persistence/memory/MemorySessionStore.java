package io.opifex.persistence.memory;

import io.opifex.persistence.spi.EnqueueResult;
import io.opifex.persistence.spi.InflightMessage;
import io.opifex.persistence.spi.QueueLimit;
import io.opifex.persistence.spi.SessionState;
import io.opifex.persistence.spi.SessionStore;
import io.opifex.persistence.spi.StoredMessage;
import io.opifex.persistence.spi.StoredSubscription;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Sessions in a {@link ConcurrentHashMap}, each changed atomically under its own monitor; every stage is already
 * complete on return. Lost on restart: for tests, and for brokers that only need persistence across reconnects.
 */
public final class MemorySessionStore implements SessionStore {

    private final ConcurrentHashMap<String, MemorySession> sessions = new ConcurrentHashMap<>();

    @Override
    public CompletionStage<Optional<SessionState>> load(String clientId) {
        return done(withSession(clientId, session -> Optional.of(session.snapshot()), Optional.empty()));
    }

    @Override
    public CompletionStage<Void> save(SessionState state) {
        Objects.requireNonNull(state, "state");
        while (true) {
            MemorySession existing = sessions.get(state.clientId());
            if (existing == null) {
                if (sessions.putIfAbsent(state.clientId(), new MemorySession(state)) == null) {
                    return done(null);
                }
                continue;
            }
            synchronized (existing) {
                if (!existing.discarded) {
                    existing.replaceWith(state);
                    return done(null);
                }
            }
        }
    }

    @Override
    public CompletionStage<Boolean> delete(String clientId) {
        Objects.requireNonNull(clientId, "clientId");
        MemorySession removed = sessions.remove(clientId);
        if (removed == null) {
            return done(false);
        }
        synchronized (removed) {
            removed.discarded = true;
        }
        return done(true);
    }

    @Override
    public CompletionStage<List<String>> clientIds() {
        return done(List.copyOf(sessions.keySet()));
    }

    @Override
    public CompletionStage<Boolean> putSubscription(String clientId, StoredSubscription subscription) {
        Objects.requireNonNull(subscription, "subscription");
        return done(withSession(clientId, session -> {
            session.putSubscription(subscription);
            return true;
        }, false));
    }

    @Override
    public CompletionStage<Boolean> removeSubscription(String clientId, String topicFilter) {
        Objects.requireNonNull(topicFilter, "topicFilter");
        return done(withSession(clientId, session -> session.removeSubscription(topicFilter), false));
    }

    @Override
    public CompletionStage<EnqueueResult> enqueue(String clientId, StoredMessage message, QueueLimit limit) {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(limit, "limit");
        return done(withSession(clientId, session -> session.enqueue(message, limit), EnqueueResult.noSession()));
    }

    @Override
    public CompletionStage<List<StoredMessage>> pollQueued(String clientId, int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1, was " + max);
        }
        return done(withSession(clientId, session -> session.pollQueued(max), List.of()));
    }

    @Override
    public CompletionStage<Boolean> putInflight(String clientId, InflightMessage message) {
        Objects.requireNonNull(message, "message");
        return done(withSession(clientId, session -> {
            session.putInflight(message);
            return true;
        }, false));
    }

    @Override
    public CompletionStage<Boolean> removeInflight(String clientId, int packetId) {
        return done(withSession(clientId, session -> session.removeInflight(packetId), false));
    }

    @Override
    public CompletionStage<Boolean> addAwaitingPubrel(String clientId, int packetId) {
        return done(withSession(clientId, session -> session.addAwaitingPubrel(packetId), false));
    }

    @Override
    public CompletionStage<Boolean> removeAwaitingPubrel(String clientId, int packetId) {
        return done(withSession(clientId, session -> session.removeAwaitingPubrel(packetId), false));
    }

    /** Applies {@code action} atomically to the live session of {@code clientId}, or returns {@code absent}. */
    private <R> R withSession(String clientId, Function<MemorySession, R> action, R absent) {
        Objects.requireNonNull(clientId, "clientId");
        while (true) {
            MemorySession session = sessions.get(clientId);
            if (session == null) {
                return absent;
            }
            synchronized (session) {
                if (!session.discarded) {
                    return action.apply(session);
                }
            }
            // deleted after we looked it up: it is out of the map now, so the next lookup sees the current state
        }
    }

    private static <T> CompletionStage<T> done(T value) {
        return CompletableFuture.completedFuture(value);
    }
}
