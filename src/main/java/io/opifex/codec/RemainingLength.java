package io.opifex.codec;

import io.vertx.core.buffer.Buffer;

/**
 * The fixed header's Remaining Length: a variable byte integer of 1 to 4 bytes, 7 value bits per byte, least
 * significant group first, bit 7 set when another byte follows (MQTT 3.1.1 section 2.2.3).
 */
final class RemainingLength {

    /** The largest value 4 bytes can carry: 268,435,455 (256 MB). */
    static final int MAX = 268_435_455;
    static final int MAX_BYTES = 4;
    static final int VALUE_BITS = 7;
    static final int VALUE_MASK = 0x7F;
    static final int CONTINUATION_BIT = 0x80;

    private static final int MAX_1_BYTE = 127;
    private static final int MAX_2_BYTES = 16_383;
    private static final int MAX_3_BYTES = 2_097_151;

    private RemainingLength() {
    }

    static int encodedSize(int value) {
        if (value < 0 || value > MAX) {
            throw new IllegalArgumentException("remaining length must be 0-" + MAX + ", was " + value);
        }
        if (value <= MAX_1_BYTE) {
            return 1;
        }
        if (value <= MAX_2_BYTES) {
            return 2;
        }
        return value <= MAX_3_BYTES ? 3 : 4;
    }

    static void append(int value, Buffer out) {
        encodedSize(value); // range check
        int rest = value;
        do {
            int digit = rest & VALUE_MASK;
            rest >>>= VALUE_BITS;
            out.appendByte((byte) (rest > 0 ? digit | CONTINUATION_BIT : digit));
        } while (rest > 0);
    }
}
