package io.opifex.bench;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The benchmark payload: send time (System.nanoTime, so publisher and subscriber must share a host), publisher
 * index and sequence number, big-endian, then zero padding up to the configured size.
 */
final class Payloads {

    static final int SENT_NANOS_OFFSET = 0;
    static final int PUBLISHER_OFFSET = 8;
    static final int SEQUENCE_OFFSET = 12;
    /** The smallest payload that carries the header. */
    static final int MIN_SIZE = 20;

    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

    private Payloads() {
    }

    /** Writes the header into {@code frame} at {@code offset}, where the payload starts. */
    static void write(byte[] frame, int offset, long sentNanos, int publisher, long sequence) {
        LONG.set(frame, offset + SENT_NANOS_OFFSET, sentNanos);
        INT.set(frame, offset + PUBLISHER_OFFSET, publisher);
        LONG.set(frame, offset + SEQUENCE_OFFSET, sequence);
    }

    static long sentNanos(byte[] payload) {
        return (long) LONG.get(payload, SENT_NANOS_OFFSET);
    }

    static int publisher(byte[] payload) {
        return (int) INT.get(payload, PUBLISHER_OFFSET);
    }

    static long sequence(byte[] payload) {
        return (long) LONG.get(payload, SEQUENCE_OFFSET);
    }
}
