package io.opifex.connection;

/**
 * Where the connection layer reads the time its deadlines (CONNECT timeout, keep-alive) are measured in: the
 * system's monotonic clock in production, a clock moved by hand in tests, so a keep-alive can expire without
 * waiting for it. Read from event loops: an implementation must be safe to read from any thread.
 */
@FunctionalInterface
public interface Ticker {

    /** {@link System#nanoTime()}. */
    Ticker SYSTEM = System::nanoTime;

    /** Nanoseconds since an arbitrary fixed origin; only differences mean anything, as with {@code nanoTime}. */
    long nanoTime();
}
