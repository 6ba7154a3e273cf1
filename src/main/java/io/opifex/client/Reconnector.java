package io.opifex.client;

import io.vertx.core.Vertx;

/** Schedules reconnect attempts with the policy's growing, jittered delays; at most one attempt is pending. */
final class Reconnector {

    private static final long NO_TIMER = -1;

    private final Vertx vertx;
    private final ReconnectPolicy policy;
    private int attempt;
    private long timer = NO_TIMER;

    Reconnector(Vertx vertx, ReconnectPolicy policy) {
        this.vertx = vertx;
        this.policy = policy;
    }

    void schedule(Runnable attemptNow) {
        cancel();
        long delay = policy.delayMillis(attempt++);
        timer = vertx.setTimer(delay, id -> {
            timer = NO_TIMER;
            attemptNow.run();
        });
    }

    /** A connection was accepted: the next loss starts again from the initial delay. */
    void reset() {
        attempt = 0;
    }

    void cancel() {
        if (timer != NO_TIMER) {
            vertx.cancelTimer(timer);
            timer = NO_TIMER;
        }
    }
}
