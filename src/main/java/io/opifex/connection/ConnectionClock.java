package io.opifex.connection;

import io.vertx.core.Context;
import io.vertx.core.impl.ContextInternal;
import java.util.ArrayList;
import java.util.Arrays;

/**
 * The deadlines of one event loop's connections (CONNECT timeout, keep-alive), checked together by one periodic
 * timer on that loop instead of one Vert.x timer per connection. A connection costs a slot in an array, not a timer
 * object, a map entry and a place in the loop's scheduled-task queue; connecting and disconnecting touch no timer.
 *
 * <p>Whoever creates a loop's connections creates its clock and hands it to each of them (Quarkus forbids keeping
 * it in the context's data). A deadline is noticed at most {@link #TICK_MILLIS} late and never early. The timer runs only while something
 * is watched: an idle broker does no work. Owned by its context's event loop; not thread-safe by design.
 *
 * <p>The time the deadlines are measured in comes from its {@link Ticker}, which the connections read through the
 * clock too; only the period of the checks is real time.
 */
public final class ConnectionClock {

    /** How often the deadlines are checked: the most a timeout can be late. */
    static final long TICK_MILLIS = 250;
    private static final long NO_TIMER = -1;

    private final ContextInternal context;
    private final Ticker ticker;
    private MqttConnection[] watched = new MqttConnection[16];
    private int size;
    private long timer = NO_TIMER;
    private final ArrayList<MqttConnection> expired = new ArrayList<>();

    /** A clock for connections owned by {@code context}: one per event loop, shared by its listener's connections. */
    public ConnectionClock(Context context) {
        this(context, Ticker.SYSTEM);
    }

    /** A clock whose deadlines are measured in {@code ticker}'s time, e.g. a test's, moved by hand. */
    public ConnectionClock(Context context, Ticker ticker) {
        this.context = (ContextInternal) context;
        this.ticker = ticker;
    }

    /** The time the deadlines of this clock's connections are measured in. */
    long now() {
        return ticker.nanoTime();
    }

    void watch(MqttConnection connection) {
        if (connection.clockSlot >= 0) {
            return;
        }
        if (size == watched.length) {
            watched = Arrays.copyOf(watched, size * 2);
        }
        connection.clockSlot = size;
        watched[size++] = connection;
        if (timer == NO_TIMER) {
            timer = context.setPeriodic(TICK_MILLIS, id -> tick()); // on this context, whoever asks
        }
    }

    void unwatch(MqttConnection connection) {
        int slot = connection.clockSlot;
        if (slot < 0) {
            return;
        }
        MqttConnection last = watched[--size];
        watched[slot] = last;
        last.clockSlot = slot;
        watched[size] = null;
        connection.clockSlot = -1;
    }

    int watchedCount() {
        return size;
    }

    /** Package-private so a test can check the deadlines at a time of its choosing, on the clock's loop. */
    void tick() {
        if (size == 0) {
            // nothing to watch: stop until the next connection (unwatch never stops it, so churn does not thrash)
            context.owner().cancelTimer(timer);
            timer = NO_TIMER;
            return;
        }
        long now = ticker.nanoTime();
        for (int i = 0; i < size; ) {
            MqttConnection connection = watched[i];
            switch (connection.deadlineCheck(now)) {
                case PENDING -> i++;
                case NONE -> unwatch(connection); // slot i now holds the former last: look at it next
                case EXPIRED -> {
                    unwatch(connection);
                    expired.add(connection);
                }
            }
        }
        // closed after the scan: a close may run handlers, and the array stays out of their way
        for (int i = 0; i < expired.size(); i++) {
            expired.get(i).deadlineExpired(now);
        }
        expired.clear();
    }

    /** What a watched connection answers when the clock looks at it. */
    enum Deadline {
        /** A deadline is set and not reached yet. */
        PENDING,
        /** A deadline passed: the connection is to be closed. */
        EXPIRED,
        /** Nothing to watch any more (keep-alive 0, or closed). */
        NONE
    }
}
