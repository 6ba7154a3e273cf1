package io.opifex.server;

import io.opifex.connection.CloseReason;
import io.opifex.server.metrics.BrokerStats;
import io.opifex.server.session.Session;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayDeque;
import org.jboss.logging.Logger;

/**
 * Disconnects every client at a capped rate, so that a rolling update does not send all of them to reconnect
 * elsewhere in the same instant. Each close runs on the session's own loop; persistent sessions keep their
 * queued and in-flight messages.
 */
final class Drain {

    private static final Logger LOG = Logger.getLogger(Drain.class);
    /** Closes are issued in ten slices a second: smooth enough, few timers. */
    private static final long TICK_MILLIS = 100;
    private static final int TICKS_PER_SECOND = 10;

    private final Vertx vertx;
    private final BrokerStats stats;
    private final SessionRegistry registry;

    Drain(Vertx vertx, BrokerStats stats, SessionRegistry registry) {
        this.vertx = vertx;
        this.stats = stats;
        this.registry = registry;
    }

    /** Completes when no client is connected, or when {@code timeout} passes, whichever is first. */
    Future<Void> run(int disconnectsPerSecond, Duration timeout) {
        Promise<Void> done = Promise.promise();
        ArrayDeque<Session> pending = new ArrayDeque<>();
        registry.all().forEach(pending::add);
        int perTick = Math.max(1, disconnectsPerSecond / TICKS_PER_SECOND);
        long deadline = System.nanoTime() + timeout.toNanos();
        LOG.infof("draining %d connected clients at up to %d/s", stats.clientsConnected(), disconnectsPerSecond);
        vertx.setPeriodic(TICK_MILLIS, timer -> {
            for (int i = 0; i < perTick && !pending.isEmpty(); i++) {
                registry.disconnect(pending.poll(), CloseReason.SHUTDOWN);
            }
            boolean allGone = pending.isEmpty() && stats.clientsConnected() == 0;
            if (allGone || System.nanoTime() > deadline) {
                vertx.cancelTimer(timer);
                if (!allGone) {
                    LOG.warnf("drain timed out after %s with %d clients still connected", timeout,
                            stats.clientsConnected());
                }
                LOG.infof("drained: %d persistent sessions kept with %d messages queued or in flight",
                        registry.count(), stats.queuedMessages() + stats.inflightMessages());
                done.tryComplete();
            }
        });
        return done.future();
    }
}
