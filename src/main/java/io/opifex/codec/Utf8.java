package io.opifex.codec;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;

/**
 * MQTT's UTF-8 strings (section 1.5.3): strictly well-formed UTF-8 [RFC 3629], no encoded surrogates U+D800..U+DFFF
 * (so no CESU-8 / modified UTF-8) [MQTT-1.5.3-1], no U+0000 [MQTT-1.5.3-2], at most 65535 bytes because the length
 * prefix is 16 bits. Hand-written rather than {@link java.nio.charset.CharsetDecoder} so that the rules are explicit,
 * decoding reads straight from the {@link Buffer} and nothing is allocated besides the String.
 */
public final class Utf8 {

    /** A string's length prefix is two bytes. */
    public static final int MAX_ENCODED_LENGTH = 0xFFFF;
    public static final String SPEC_WELL_FORMED = "MQTT-1.5.3-1";
    public static final String SPEC_NO_NULL = "MQTT-1.5.3-2";

    private static final int ASCII_LIMIT = 0x80;
    private static final int TWO_BYTE_LIMIT = 0x800;
    private static final int THREE_BYTE_LIMIT = 0x10000;
    private static final int MAX_CODE_POINT = 0x10FFFF;
    private static final int CONTINUATION_MASK = 0xC0;
    private static final int CONTINUATION_TAG = 0x80;
    private static final int CONTINUATION_BITS = 0x3F;
    private static final int BITS_PER_CONTINUATION = 6;
    /** 0xC0 and 0xC1 could only start an overlong encoding of an ASCII character. */
    private static final int SMALLEST_TWO_BYTE_LEAD = 0xC2;
    private static final int LARGEST_TWO_BYTE_LEAD = 0xDF;
    private static final int TWO_BYTE_LEAD_TAG = 0xC0;
    private static final int THREE_BYTE_LEAD_MASK = 0xF0;
    private static final int THREE_BYTE_LEAD_TAG = 0xE0;
    private static final int SMALLEST_FOUR_BYTE_LEAD = 0xF0;
    /** 0xF5..0xFF would encode beyond U+10FFFF. */
    private static final int LARGEST_FOUR_BYTE_LEAD = 0xF4;
    private static final int TWO_BYTE_LEAD_BITS = 0x1F;
    private static final int THREE_BYTE_LEAD_BITS = 0x0F;
    private static final int FOUR_BYTE_LEAD_BITS = 0x07;

    private Utf8() {
    }

    /** Why bytes are not an MQTT UTF-8 string; {@link #specId()} names the rule. */
    public static final class InvalidUtf8Exception extends RuntimeException {

        private final String specId;

        InvalidUtf8Exception(String specId, String message) {
            super(message, null, false, false);
            this.specId = specId;
        }

        public String specId() {
            return specId;
        }
    }

    /**
     * Decodes {@code length} bytes of {@code buffer} from {@code offset}.
     *
     * @throws InvalidUtf8Exception if they are not well-formed UTF-8, encode a surrogate or encode U+0000
     */
    public static String decode(Buffer buffer, int offset, int length) {
        // A UTF-8 sequence never yields more UTF-16 units than it has bytes.
        char[] chars = new char[length];
        int count = 0;
        int index = offset;
        int end = offset + length;
        while (index < end) {
            int lead = buffer.getByte(index) & 0xFF;
            if (lead < ASCII_LIMIT) {
                if (lead == 0) {
                    throw new InvalidUtf8Exception(SPEC_NO_NULL, "string contains U+0000");
                }
                chars[count++] = (char) lead;
                index++;
                continue;
            }
            int continuations;
            int codePoint;
            int smallestAllowed;
            if (lead >= SMALLEST_TWO_BYTE_LEAD && lead <= LARGEST_TWO_BYTE_LEAD) {
                continuations = 1;
                codePoint = lead & TWO_BYTE_LEAD_BITS;
                smallestAllowed = ASCII_LIMIT;
            } else if ((lead & THREE_BYTE_LEAD_MASK) == THREE_BYTE_LEAD_TAG) {
                continuations = 2;
                codePoint = lead & THREE_BYTE_LEAD_BITS;
                smallestAllowed = TWO_BYTE_LIMIT;
            } else if (lead >= SMALLEST_FOUR_BYTE_LEAD && lead <= LARGEST_FOUR_BYTE_LEAD) {
                continuations = 3;
                codePoint = lead & FOUR_BYTE_LEAD_BITS;
                smallestAllowed = THREE_BYTE_LIMIT;
            } else {
                throw illFormed("invalid lead byte 0x" + Integer.toHexString(lead));
            }
            if (end - index - 1 < continuations) {
                throw illFormed("truncated multi-byte sequence");
            }
            for (int i = 1; i <= continuations; i++) {
                int next = buffer.getByte(index + i) & 0xFF;
                if ((next & CONTINUATION_MASK) != CONTINUATION_TAG) {
                    throw illFormed("missing continuation byte");
                }
                codePoint = (codePoint << BITS_PER_CONTINUATION) | (next & CONTINUATION_BITS);
            }
            if (codePoint < smallestAllowed) {
                throw illFormed("overlong encoding of U+" + Integer.toHexString(codePoint));
            }
            if (codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE) {
                throw illFormed("encoded surrogate U+" + Integer.toHexString(codePoint));
            }
            if (codePoint > MAX_CODE_POINT) {
                throw illFormed("code point beyond U+10FFFF");
            }
            count += Character.toChars(codePoint, chars, count);
            index += continuations + 1;
        }
        return new String(chars, 0, count);
    }

    private static InvalidUtf8Exception illFormed(String why) {
        return new InvalidUtf8Exception(SPEC_WELL_FORMED, "ill-formed UTF-8: " + why);
    }

    /**
     * @return how many bytes {@code s} takes in UTF-8; equal to {@code s.length()} exactly when {@code s} is all
     *         ASCII, since every other character (or surrogate pair per two chars) takes more bytes than chars
     * @throws IllegalArgumentException if {@code s} holds something MQTT cannot carry: an unpaired surrogate
     *                                  [MQTT-1.5.3-1] or U+0000 [MQTT-1.5.3-2]
     */
    public static int encodedLength(String s) {
        int asciiPrefix = asciiPrefixLength(s);
        if (asciiPrefix == s.length()) {
            return asciiPrefix; // the common case, topics like "site/42/telemetry": one cheap pass
        }
        return asciiPrefix + encodedLengthFrom(s, asciiPrefix);
    }

    /** Length of the longest prefix of U+0001..U+007F, each one byte in UTF-8 and never refused. */
    private static int asciiPrefixLength(String s) {
        int length = s.length();
        int i = 0;
        // one unsigned compare per char: c - 1 wraps U+0000 to 0xFFFF, so both U+0000 and non-ASCII stop the scan
        while (i < length && (char) (s.charAt(i) - 1) < ASCII_LIMIT - 1) {
            i++;
        }
        return i;
    }

    /** The general, checking count from {@code start} on. */
    private static int encodedLengthFrom(String s, int start) {
        int bytes = 0;
        for (int i = start; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 0) {
                throw new IllegalArgumentException("[" + SPEC_NO_NULL + "] string contains U+0000");
            }
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException("[" + SPEC_WELL_FORMED + "] string has an unpaired surrogate at " + i);
            } else {
                bytes += c < ASCII_LIMIT ? 1 : c < TWO_BYTE_LIMIT ? 2 : 3;
            }
        }
        return bytes;
    }

    /**
     * Appends the UTF-8 bytes of {@code s}; {@code encodedLength} is what {@link #encodedLength(String)} returned
     * for it, which also vouches that {@code s} is valid. An all-ASCII string is copied in bulk: its UTF-8 bytes
     * are its chars, so one intrinsic array copy replaces a bounds-checked append per character. That costs one
     * short-lived array of the string's length; writing eight chars per {@code appendLong} instead allocates
     * nothing but measured more than twice as slow (PublishCodecBenchmark.encodeReusedBuffer).
     */
    static void append(String s, int encodedLength, Buffer out) {
        if (encodedLength == s.length()) {
            out.appendBytes(s.getBytes(StandardCharsets.ISO_8859_1)); // all < U+0080: identical to UTF-8
        } else {
            append(s, out);
        }
    }

    /** Appends the UTF-8 bytes of {@code s}, which {@link #encodedLength(String)} has accepted, without a copy. */
    static void append(String s, Buffer out) {
        for (int i = 0; i < s.length(); i++) {
            int c = s.charAt(i);
            if (c < ASCII_LIMIT) {
                out.appendByte((byte) c);
                continue;
            }
            int codePoint = s.codePointAt(i);
            if (codePoint >= THREE_BYTE_LIMIT) {
                i++; // the low surrogate is part of this code point
                out.appendByte((byte) (SMALLEST_FOUR_BYTE_LEAD | codePoint >>> (3 * BITS_PER_CONTINUATION)));
                out.appendByte(continuation(codePoint >>> (2 * BITS_PER_CONTINUATION)));
                out.appendByte(continuation(codePoint >>> BITS_PER_CONTINUATION));
            } else if (codePoint >= TWO_BYTE_LIMIT) {
                out.appendByte((byte) (THREE_BYTE_LEAD_TAG | codePoint >>> (2 * BITS_PER_CONTINUATION)));
                out.appendByte(continuation(codePoint >>> BITS_PER_CONTINUATION));
            } else {
                out.appendByte((byte) (TWO_BYTE_LEAD_TAG | codePoint >>> BITS_PER_CONTINUATION));
            }
            out.appendByte(continuation(codePoint));
        }
    }

    private static byte continuation(int bits) {
        return (byte) (CONTINUATION_TAG | (bits & CONTINUATION_BITS));
    }
}
