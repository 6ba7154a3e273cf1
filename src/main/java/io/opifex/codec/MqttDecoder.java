package io.opifex.codec;

import io.opifex.codec.DecodeError.Reason;
import io.opifex.codec.packet.Connect;
import io.opifex.codec.packet.MqttPacket;
import io.opifex.codec.packet.PacketType;
import io.opifex.codec.packet.ProtocolVersion;
import io.vertx.core.buffer.Buffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * Push decoder for one connection's byte stream. Feed it chunks as they arrive, of any size and split anywhere; it
 * hands every complete packet to the sink, in order, and keeps what is incomplete for the next chunk.
 *
 * <p>Frame first, limit first: the fixed header and remaining length are read before any of the body, so a packet
 * over the limit is refused before a byte of it is buffered. A body that is whole in the chunk is decoded in place;
 * only a body spanning chunks is accumulated, and a PUBLISH payload then goes straight into the record's array.
 * Accumulation grows with the bytes that arrive, never with the length announced: a peer that announces a large
 * packet and sends a few bytes of it holds a few bytes of memory, not the announced size.
 *
 * <p>The protocol version is decided once per connection and every packet after it is read in that version's form.
 * A server's decoder learns it from the CONNECT it decodes; a client tells its decoder the version of the CONNECT it
 * sent, before the CONNACK arrives. Until then packets are read in the MQTT 3.1.1 form.
 *
 * <p>Errors are values: on the first one the sink's {@code error} is called once and all later input is ignored.
 * The decoder never closes anything. Not thread-safe: one per connection, fed from its event loop.
 */
public final class MqttDecoder {

    /** The largest remaining length the protocol can express: 268,435,455 bytes. */
    public static final int PROTOCOL_MAX_PACKET_SIZE = RemainingLength.MAX;
    /** Accumulation starts small and grows as bytes arrive, so a peer cannot make us allocate by announcing. */
    private static final int INITIAL_ACCUMULATOR_SIZE = 256;

    private enum Stage { TYPE, REMAINING_LENGTH, BODY, PUBLISH_PAYLOAD, FAILED }

    private final int maxPacketSize;

    /** The connection's version, or null until a CONNECT decides it. */
    private ProtocolVersion version;
    private Stage stage = Stage.TYPE;
    private PacketType type;
    private int flags;
    private int remainingLength;
    private int remainingLengthBytes;
    /** The part of a body that has arrived, while it spans chunks; null otherwise. */
    private Buffer pending;
    /** A spanning PUBLISH whose header is decoded and whose payload is being filled. */
    private PublishDecoder.Header publishHeader;
    private byte[] publishPayload;
    private int publishPayloadLength;
    private int publishPayloadFilled;

    /** @param maxPacketSize the largest remaining length accepted, 0 to {@value #PROTOCOL_MAX_PACKET_SIZE} */
    public MqttDecoder(int maxPacketSize) {
        if (maxPacketSize < 0 || maxPacketSize > PROTOCOL_MAX_PACKET_SIZE) {
            throw new IllegalArgumentException("maxPacketSize must be 0-" + PROTOCOL_MAX_PACKET_SIZE);
        }
        this.maxPacketSize = maxPacketSize;
    }

    public boolean isFailed() {
        return stage == Stage.FAILED;
    }

    /** @return the connection's protocol version, or null while no CONNECT has decided it */
    public ProtocolVersion protocolVersion() {
        return version;
    }

    /**
     * Decides the connection's version from outside: a client's, from the CONNECT it sent, so that the CONNACK and
     * everything after it are read in that version's form.
     *
     * @throws IllegalStateException when another version is already decided: it is decided once per connection
     */
    public void protocolVersion(ProtocolVersion version) {
        Objects.requireNonNull(version, "version");
        if (this.version != null && this.version != version) {
            throw new IllegalStateException("the connection's version is " + this.version + ", not " + version);
        }
        this.version = version;
    }

    /** The form packets are read and written in: the connection's version, or MQTT 3.1.1's before it is known. */
    static ProtocolVersion wireForm(ProtocolVersion version) {
        return version != null ? version : ProtocolVersion.MQTT_3_1_1;
    }

    public void feed(Buffer chunk, PacketSink sink) {
        if (stage == Stage.FAILED) {
            return;
        }
        int position = 0;
        int end = chunk.length();
        try {
            while (position < end) {
                position = switch (stage) {
                    case TYPE -> readType(chunk, position);
                    case REMAINING_LENGTH -> readRemainingLengthByte(chunk, position, sink);
                    case BODY -> readBody(chunk, position, sink);
                    case PUBLISH_PAYLOAD -> readPublishPayload(chunk, position, sink);
                    case FAILED -> end;
                };
            }
        } catch (DecodeException e) {
            stage = Stage.FAILED;
            pending = null;
            publishPayload = null;
            sink.error(e.error());
        }
    }

    private int readType(Buffer chunk, int position) {
        int firstByte = chunk.getByte(position) & 0xFF;
        type = FixedHeaders.parse(firstByte);
        flags = firstByte & FixedHeaders.FLAGS_MASK;
        stage = Stage.REMAINING_LENGTH;
        return position + 1;
    }

    private int readRemainingLengthByte(Buffer chunk, int position, PacketSink sink) {
        int encoded = chunk.getByte(position) & 0xFF;
        int digit = encoded & RemainingLength.VALUE_MASK;
        remainingLength |= digit << (RemainingLength.VALUE_BITS * remainingLengthBytes);
        remainingLengthBytes++;
        if ((encoded & RemainingLength.CONTINUATION_BIT) != 0) {
            if (remainingLengthBytes == RemainingLength.MAX_BYTES) {
                throw new DecodeException(Reason.MALFORMED_REMAINING_LENGTH, type, null,
                        "remaining length longer than " + RemainingLength.MAX_BYTES + " bytes");
            }
            return position + 1;
        }
        if (digit == 0 && remainingLengthBytes > 1) {
            // A last byte of 0 adds nothing: the same value fits in fewer bytes (section 2.2.3 asks for the minimum).
            throw new DecodeException(Reason.MALFORMED_REMAINING_LENGTH, type, null,
                    "remaining length not minimally encoded");
        }
        if (remainingLength > maxPacketSize) {
            throw new DecodeException(Reason.PACKET_TOO_LARGE, type, null,
                    type + " remaining length " + remainingLength + " exceeds the maximum " + maxPacketSize);
        }
        stage = Stage.BODY;
        if (remainingLength == 0) {
            emit(decodeBody(chunk, position + 1), sink); // nothing to wait for
        }
        return position + 1;
    }

    private int readBody(Buffer chunk, int position, PacketSink sink) {
        int available = chunk.length() - position;
        if (pending == null && available >= remainingLength) {
            int bodyEnd = position + remainingLength; // emit() resets remainingLength
            emit(decodeBody(chunk, position), sink); // the common case: whole, decoded in place
            return bodyEnd;
        }
        if (pending == null) {
            pending = Buffer.buffer(Math.min(remainingLength, INITIAL_ACCUMULATOR_SIZE));
        }
        int target = type == PacketType.PUBLISH ? publishHeaderTarget() : remainingLength;
        int taken = Math.min(target - pending.length(), available);
        pending.appendBuffer(chunk, position, taken);
        if (pending.length() == remainingLength) {
            emit(decodeBody(pending, 0), sink);
        } else if (type == PacketType.PUBLISH && pending.length() >= PublishDecoder.TOPIC_LENGTH_BYTES
                && pending.length() == publishHeaderTarget()) {
            startPublishPayload(); // the variable header is complete, the payload is still to come
        }
        return position + taken;
    }

    /**
     * How much of a spanning PUBLISH to accumulate: first the topic length, then the rest of the variable header.
     * Never more than the body, so a topic length running past it ends up as a LENGTH_MISMATCH of the whole body.
     */
    private int publishHeaderTarget() {
        if (pending.length() < PublishDecoder.TOPIC_LENGTH_BYTES) {
            return Math.min(PublishDecoder.TOPIC_LENGTH_BYTES, remainingLength);
        }
        int headerLength = PublishDecoder.headerLength(flags, pending.getUnsignedShort(0));
        return Math.min(headerLength, remainingLength);
    }

    private void startPublishPayload() {
        int headerLength = pending.length();
        publishHeader = PublishDecoder.readHeader(flags, new BodyReader(pending, 0, headerLength, type));
        publishPayloadLength = remainingLength - headerLength;
        publishPayload = new byte[Math.min(publishPayloadLength, INITIAL_ACCUMULATOR_SIZE)];
        publishPayloadFilled = 0;
        pending = null;
        stage = Stage.PUBLISH_PAYLOAD;
    }

    private int readPublishPayload(Buffer chunk, int position, PacketSink sink) {
        int taken = Math.min(publishPayloadLength - publishPayloadFilled, chunk.length() - position);
        if (publishPayloadFilled + taken > publishPayload.length) {
            // doubling keeps the copying linear in the payload; the cap keeps the final array exact
            int grown = Math.max(publishPayloadFilled + taken, publishPayload.length * 2);
            publishPayload = Arrays.copyOf(publishPayload, Math.min(grown, publishPayloadLength));
        }
        chunk.getBytes(position, position + taken, publishPayload, publishPayloadFilled);
        publishPayloadFilled += taken;
        if (publishPayloadFilled == publishPayloadLength) {
            emit(publishHeader.withPayload(publishPayload), sink);
        }
        return position + taken;
    }

    private MqttPacket decodeBody(Buffer buffer, int offset) {
        return PacketDecoders.decode(type, flags, new BodyReader(buffer, offset, remainingLength, type),
                wireForm(version));
    }

    /** Resets for the next packet, then hands this one over. */
    private void emit(MqttPacket packet, PacketSink sink) {
        stage = Stage.TYPE;
        type = null;
        flags = 0;
        remainingLength = 0;
        remainingLengthBytes = 0;
        pending = null;
        publishHeader = null;
        publishPayload = null;
        publishPayloadLength = 0;
        publishPayloadFilled = 0;
        if (version == null && packet instanceof Connect connect) {
            version = connect.protocolVersion(); // decided by the first CONNECT; a second one is the server's error
        }
        sink.packet(packet);
    }
}
