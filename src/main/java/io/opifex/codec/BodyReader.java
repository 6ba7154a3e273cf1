package io.opifex.codec;

import io.opifex.codec.DecodeError.Reason;
import io.opifex.codec.packet.PacketType;
import io.vertx.core.buffer.Buffer;

/**
 * A cursor over one packet's body (variable header and payload) inside a larger buffer, so that a packet that
 * arrived whole is decoded in place. Every read checks the body's end: a field that runs past it, or bytes left
 * after the last field, is {@link Reason#LENGTH_MISMATCH}.
 */
final class BodyReader {

    private static final int SHORT_BYTES = 2;

    private final Buffer buffer;
    private final int end;
    private final PacketType packetType;
    private int position;

    BodyReader(Buffer buffer, int offset, int length, PacketType packetType) {
        this.buffer = buffer;
        this.position = offset;
        this.end = offset + length;
        this.packetType = packetType;
    }

    PacketType packetType() {
        return packetType;
    }

    boolean hasRemaining() {
        return position < end;
    }

    int remaining() {
        return end - position;
    }

    int readUnsignedByte(String field) {
        require(1, field, null);
        return buffer.getByte(position++) & 0xFF;
    }

    int readUnsignedShort(String field) {
        return readUnsignedShort(field, null);
    }

    /** A packet identifier, which is never 0 where the packet carries one [MQTT-2.3.1-1]. */
    int readPacketId() {
        int packetId = readUnsignedShort("packet identifier");
        if (packetId == 0) {
            // [MQTT-2.3.1-1] a packet identifier is non-zero
            throw error(Reason.INVALID_PACKET_ID, "MQTT-2.3.1-1", "packet identifier is 0");
        }
        return packetId;
    }

    String readString(String field) {
        return readString(field, null);
    }

    /**
     * A length-prefixed UTF-8 string (section 1.5.3).
     *
     * @param missingSpecId the spec id to report when the body ends before the string does (null when the spec has
     *                      none for this field)
     */
    String readString(String field, String missingSpecId) {
        int length = readUnsignedShort(field + " length", missingSpecId);
        require(length, field, missingSpecId);
        try {
            String value = Utf8.decode(buffer, position, length);
            position += length;
            return value;
        } catch (Utf8.InvalidUtf8Exception e) {
            throw error(Reason.INVALID_UTF8, e.specId(), field + ": " + e.getMessage());
        }
    }

    /** Length-prefixed binary data (the will message, the password). */
    byte[] readBinary(String field, String missingSpecId) {
        int length = readUnsignedShort(field + " length", missingSpecId);
        return readBytes(length, field, missingSpecId);
    }

    /** Everything up to the end of the body, copied once (a PUBLISH payload). */
    byte[] readRest() {
        return readBytes(remaining(), "payload", null);
    }

    void expectEnd() {
        expectEnd(null);
    }

    void expectEnd(String specId) {
        if (hasRemaining()) {
            throw error(Reason.LENGTH_MISMATCH, specId, remaining() + " unexpected byte(s) after the last field");
        }
    }

    DecodeException error(Reason reason, String specId, String detail) {
        return new DecodeException(reason, packetType, specId, packetType + ": " + detail);
    }

    private int readUnsignedShort(String field, String missingSpecId) {
        require(SHORT_BYTES, field, missingSpecId);
        int value = buffer.getUnsignedShort(position);
        position += SHORT_BYTES;
        return value;
    }

    private byte[] readBytes(int length, String field, String missingSpecId) {
        require(length, field, missingSpecId);
        byte[] bytes = buffer.getBytes(position, position + length);
        position += length;
        return bytes;
    }

    private void require(int length, String field, String missingSpecId) {
        if (remaining() < length) {
            throw error(Reason.LENGTH_MISMATCH, missingSpecId,
                    field + " needs " + length + " byte(s) but only " + remaining() + " remain in the packet");
        }
    }
}
