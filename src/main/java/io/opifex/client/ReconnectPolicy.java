package io.opifex.client;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When to try again after a connection that had been accepted is lost: exponential back-off from
 * {@code initialDelay}, capped at {@code maxDelay}, each delay shortened by a random part of up to {@code jitter}
 * (0-1) so that many clients cut off at once do not all come back at the same instant.
 */
public record ReconnectPolicy(boolean enabled, Duration initialDelay, Duration maxDelay, double multiplier,
                              double jitter) {

    public ReconnectPolicy {
        if (initialDelay.isNegative() || initialDelay.isZero() || maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("need 0 < initialDelay <= maxDelay");
        }
        if (multiplier < 1 || jitter < 0 || jitter > 1) {
            throw new IllegalArgumentException("need multiplier >= 1 and 0 <= jitter <= 1");
        }
    }

    public static ReconnectPolicy defaults() {
        return new ReconnectPolicy(true, Duration.ofSeconds(1), Duration.ofSeconds(30), 2.0, 0.5);
    }

    public static ReconnectPolicy disabled() {
        return new ReconnectPolicy(false, Duration.ofSeconds(1), Duration.ofSeconds(30), 2.0, 0.5);
    }

    public static ReconnectPolicy backoff(Duration initialDelay, Duration maxDelay) {
        return new ReconnectPolicy(true, initialDelay, maxDelay, 2.0, 0.5);
    }

    /** @param attempt 0 for the first retry after a loss */
    public long delayMillis(int attempt) {
        double delay = initialDelay.toMillis() * Math.pow(multiplier, Math.min(attempt, 30));
        double capped = Math.min(delay, maxDelay.toMillis());
        double jittered = capped * (1 - jitter * ThreadLocalRandom.current().nextDouble());
        return Math.max(1, Math.round(jittered));
    }
}
