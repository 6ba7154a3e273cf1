package io.opifex.observability;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A periodic beat on every event loop. A loop that is blocked cannot beat, so the age of its last beat is how long
 * it has been stuck: what the liveness probe needs, measured from inside the process only.
 */
public final class EventLoopHeartbeat {

    private final AtomicLongArray lastBeatNanos;
    private final Duration interval;

    public EventLoopHeartbeat(int eventLoops, Duration interval) {
        this.lastBeatNanos = new AtomicLongArray(eventLoops);
        this.interval = interval;
        long now = System.nanoTime();
        for (int i = 0; i < eventLoops; i++) {
            lastBeatNanos.set(i, now);
        }
    }

    /**
     * One verticle instance per event loop: Vert.x hands out loops round-robin, so as many consecutive deployments
     * as there are loops land on every loop once.
     */
    public Future<String> start(Vertx vertx) {
        AtomicInteger next = new AtomicInteger();
        return vertx.deployVerticle(() -> new Beat(next.getAndIncrement()),
                new DeploymentOptions().setInstances(lastBeatNanos.length()));
    }

    /** @return the longest time any loop has gone without a beat */
    public Duration longestSilence() {
        long now = System.nanoTime();
        long longest = 0;
        for (int i = 0; i < lastBeatNanos.length(); i++) {
            longest = Math.max(longest, now - lastBeatNanos.get(i));
        }
        return Duration.ofNanos(longest);
    }

    public int eventLoops() {
        return lastBeatNanos.length();
    }

    private final class Beat extends AbstractVerticle {
        private final int slot;

        Beat(int slot) {
            this.slot = slot;
        }

        @Override
        public void start() {
            vertx.setPeriodic(interval.toMillis(), id -> lastBeatNanos.set(slot, System.nanoTime()));
        }
    }
}
