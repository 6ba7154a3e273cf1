package io.opifex.codec.packet;

/** The three MQTT delivery guarantees; the ordinal is the wire value. */
public enum QoS {
    AT_MOST_ONCE,
    AT_LEAST_ONCE,
    EXACTLY_ONCE;

    private static final QoS[] BY_VALUE = values();

    public int value() {
        return ordinal();
    }

    /** @throws IllegalArgumentException for anything but 0, 1 or 2 (the codec reports QoS 3 as malformed first) */
    public static QoS of(int value) {
        if (value < 0 || value > 2) {
            throw new IllegalArgumentException("QoS must be 0, 1 or 2, was " + value);
        }
        return BY_VALUE[value];
    }

    public static QoS min(QoS a, QoS b) {
        return a.ordinal() <= b.ordinal() ? a : b;
    }

    public static QoS max(QoS a, QoS b) {
        return a.ordinal() >= b.ordinal() ? a : b;
    }
}
