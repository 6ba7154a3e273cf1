package io.opifex.persistence.spi;

/**
 * The delivery guarantee a stored message or subscription carries, as the store keeps it: the storage contract
 * is in the broker's domain terms, not the wire codec's, so a backend depends on nothing of the protocol layer.
 * The ordinal is the level MQTT numbers it with.
 */
public enum QoSLevel {
    AT_MOST_ONCE,
    AT_LEAST_ONCE,
    EXACTLY_ONCE;

    private static final QoSLevel[] BY_VALUE = values();

    /** 0, 1 or 2. */
    public int value() {
        return ordinal();
    }

    /** @throws IllegalArgumentException for anything but 0, 1 or 2 */
    public static QoSLevel of(int value) {
        if (value < 0 || value >= BY_VALUE.length) {
            throw new IllegalArgumentException("QoS level must be 0, 1 or 2, was " + value);
        }
        return BY_VALUE[value];
    }
}
