package io.opifex.codec;

import io.vertx.core.buffer.Buffer;
import java.util.HexFormat;

/** Test vectors are written as hex with optional spaces: "30 07 00 03 61 2f 62 68 69". */
final class Hex {

    private static final HexFormat FORMAT = HexFormat.ofDelimiter(" ");

    private Hex() {
    }

    static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", "").replace("\n", ""));
    }

    static Buffer buffer(String hex) {
        return Buffer.buffer(bytes(hex));
    }

    static String of(Buffer buffer) {
        return FORMAT.formatHex(buffer.getBytes());
    }

    static String of(byte[] bytes) {
        return FORMAT.formatHex(bytes);
    }

    /** {@code length} bytes counting up from 0 and wrapping at 256, for large payloads. */
    static byte[] counting(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) i;
        }
        return bytes;
    }

    static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int offset = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, offset, part.length);
            offset += part.length;
        }
        return all;
    }
}
