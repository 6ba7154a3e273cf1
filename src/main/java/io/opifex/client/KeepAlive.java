package io.opifex.client;

import io.opifex.codec.packet.Pingreq;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The client half of keep-alive: PINGREQ once nothing was sent for the keep-alive interval [MQTT-3.1.2-23], and the
 * connection counts as dead when no PINGRESP follows within the ping timeout. One timer, re-armed when it fires.
 */
final class KeepAlive {

    private static final long NO_TIMER = -1;

    private final Vertx vertx;
    private final long intervalNanos;
    private final Duration pingTimeout;
    private PacketWriter writer;
    private Runnable onDead;
    private long lastSentNanos;
    private long checkTimer = NO_TIMER;
    private long pingTimer = NO_TIMER;

    KeepAlive(Vertx vertx, int keepAliveSeconds, Duration pingTimeout) {
        this.vertx = vertx;
        this.intervalNanos = TimeUnit.SECONDS.toNanos(keepAliveSeconds);
        this.pingTimeout = pingTimeout;
    }

    void start(PacketWriter writer, Runnable onDead) {
        stop();
        if (intervalNanos == 0) {
            return;
        }
        this.writer = writer;
        this.onDead = onDead;
        lastSentNanos = System.nanoTime();
        schedule(intervalNanos);
    }

    /** Called for every packet sent: any packet proves we are alive as well as a PINGREQ would. */
    void sent() {
        lastSentNanos = System.nanoTime();
    }

    void pingresp() {
        cancel(pingTimer);
        pingTimer = NO_TIMER;
    }

    void stop() {
        cancel(checkTimer);
        cancel(pingTimer);
        checkTimer = NO_TIMER;
        pingTimer = NO_TIMER;
        writer = null;
    }

    private void schedule(long delayNanos) {
        checkTimer = vertx.setTimer(Math.max(1, TimeUnit.NANOSECONDS.toMillis(delayNanos)), id -> check());
    }

    private void check() {
        checkTimer = NO_TIMER;
        if (writer == null) {
            return;
        }
        long idle = System.nanoTime() - lastSentNanos;
        if (idle < intervalNanos) {
            schedule(intervalNanos - idle);
            return;
        }
        if (pingTimer == NO_TIMER) {
            pingTimer = vertx.setTimer(pingTimeout.toMillis(), id -> {
                pingTimer = NO_TIMER;
                if (writer != null) {
                    onDead.run();
                }
            });
        }
        writer.send(Pingreq.INSTANCE); // updates lastSentNanos through sent()
        schedule(intervalNanos);
    }

    private void cancel(long timer) {
        if (timer != NO_TIMER) {
            vertx.cancelTimer(timer);
        }
    }
}
