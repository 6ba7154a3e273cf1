package io.opifex.bench;

/** How publishers, topics and subscribers are wired. */
public enum Layout {
    /** P publishers → one topic → S subscribers: every subscriber receives every message. */
    FAN_IN,
    /** One publisher → one topic → S subscribers (the publisher count is forced to 1). */
    FAN_OUT,
    /** Publisher i → topic i → subscriber i, for P pairs (the subscriber count is forced to P). */
    PAIRS,
    /** N connections that only keep alive: connection rate and memory per connection. */
    IDLE;

    /** Accepts picocli-friendly spellings: fan-in, fanin, FAN_IN. */
    public static Layout parse(String text) {
        return valueOf(text.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_').replace("FANIN", "FAN_IN")
                .replace("FANOUT", "FAN_OUT"));
    }
}
