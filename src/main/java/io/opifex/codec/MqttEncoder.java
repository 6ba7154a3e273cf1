package io.opifex.codec;

import io.opifex.codec.packet.Connack;
import io.opifex.codec.packet.Connect;
import io.opifex.codec.packet.MqttPacket;
import io.opifex.codec.packet.PacketType;
import io.opifex.codec.packet.ProtocolVersion;
import io.opifex.codec.packet.Puback;
import io.opifex.codec.packet.Pubcomp;
import io.opifex.codec.packet.Publish;
import io.opifex.codec.packet.Pubrec;
import io.opifex.codec.packet.Pubrel;
import io.opifex.codec.packet.QoS;
import io.opifex.codec.packet.Suback;
import io.opifex.codec.packet.Subscribe;
import io.opifex.codec.packet.TopicSubscription;
import io.opifex.codec.packet.Unsuback;
import io.opifex.codec.packet.Unsubscribe;
import io.opifex.codec.packet.Will;
import io.vertx.core.buffer.Buffer;

/**
 * Writes packets in the exact wire format of the connection's protocol version. The size is computed first, so
 * {@link #encode(MqttPacket, ProtocolVersion)} allocates once and payloads are copied once, straight into the output.
 * Refuses (IllegalArgumentException), before writing anything, what the wire cannot carry or what a conforming peer
 * must reject: strings or binary data over 65535 bytes, packets over 268,435,455 bytes, U+0000 or unpaired
 * surrogates in strings, a password without a user name, an empty SUBSCRIBE / UNSUBSCRIBE / SUBACK list.
 *
 * <p>The version is the connection's; null (no CONNECT decided it yet, e.g. for the CONNACK that refuses an
 * unsupported level) writes the MQTT 3.1.1 form. A CONNECT is always written in the form of its own version. How each
 * version writes the reason codes of acknowledgements, and which it refuses, is in {@link AckEncoders}.
 */
public final class MqttEncoder {

    private static final int FIXED_HEADER_TYPE_BYTES = 1;
    private static final int LENGTH_PREFIX_BYTES = 2;
    private static final int PACKET_ID_BYTES = 2;
    private static final int PROTOCOL_LEVEL_BYTES = 1;
    private static final int CONNECT_FLAGS_BYTES = 1;
    private static final int KEEP_ALIVE_BYTES = 2;
    private static final int REQUESTED_QOS_BYTES = 1;
    private static final int MAX_BINARY_LENGTH = 0xFFFF;

    private MqttEncoder() {
    }

    /**
     * @param version the connection's protocol version, null before a CONNECT decided it (the 3.1.1 form)
     * @return a new buffer of exactly {@link #encodedLength(MqttPacket, ProtocolVersion)} bytes
     */
    public static Buffer encode(MqttPacket packet, ProtocolVersion version) {
        if (packet instanceof Publish publish) {
            return encodePublish(publish, null); // the same in 3.1 and 3.1.1
        }
        ProtocolVersion form = MqttDecoder.wireForm(version);
        int remainingLength = remainingLength(packet, form);
        Buffer out = Buffer.buffer(totalLength(remainingLength));
        write(packet, remainingLength, form, out);
        return out;
    }

    /**
     * Appends the packet to {@code out}, e.g. to send several packets in one write.
     *
     * @param version the connection's protocol version, null before a CONNECT decided it (the 3.1.1 form)
     */
    public static void encode(MqttPacket packet, ProtocolVersion version, Buffer out) {
        if (packet instanceof Publish publish) {
            encodePublish(publish, out); // the same in 3.1 and 3.1.1
        } else {
            ProtocolVersion form = MqttDecoder.wireForm(version);
            write(packet, remainingLength(packet, form), form, out);
        }
    }

    /** @return the packet's size on the wire in {@code version}'s form: fixed header, remaining length and body */
    public static int encodedLength(MqttPacket packet, ProtocolVersion version) {
        return totalLength(remainingLength(packet, MqttDecoder.wireForm(version)));
    }

    private static int totalLength(int remainingLength) {
        return FIXED_HEADER_TYPE_BYTES + RemainingLength.encodedSize(remainingLength) + remainingLength;
    }

    /**
     * Every packet but PUBLISH, which {@link #encodePublish} writes, once {@link #remainingLength} has checked it.
     *
     * @param version the form to write, never null
     */
    private static void write(MqttPacket packet, int remainingLength, ProtocolVersion version, Buffer out) {
        out.appendByte((byte) FixedHeaders.byteFor(packet.type(), fixedHeaderFlags(packet)));
        RemainingLength.append(remainingLength, out);
        switch (packet.type()) {
            case CONNECT -> writeConnect((Connect) packet, out);
            case CONNACK -> AckEncoders.writeConnack((Connack) packet, version, out);
            case PUBLISH -> throw new IllegalStateException("PUBLISH is written by encodePublish");
            case PUBACK -> AckEncoders.writeAck(((Puback) packet).packetId(), version, out);
            case PUBREC -> AckEncoders.writeAck(((Pubrec) packet).packetId(), version, out);
            case PUBREL -> AckEncoders.writeAck(((Pubrel) packet).packetId(), version, out);
            case PUBCOMP -> AckEncoders.writeAck(((Pubcomp) packet).packetId(), version, out);
            case SUBSCRIBE -> writeSubscribe((Subscribe) packet, out);
            case SUBACK -> AckEncoders.writeSuback((Suback) packet, version, out);
            case UNSUBSCRIBE -> writeUnsubscribe((Unsubscribe) packet, out);
            case UNSUBACK -> AckEncoders.writeUnsuback((Unsuback) packet, version, out);
            case PINGREQ, PINGRESP, DISCONNECT -> {
                // fixed header only
            }
        }
    }

    private static int fixedHeaderFlags(MqttPacket packet) {
        return switch (packet.type()) {
            case PUBLISH -> publishFlags((Publish) packet);
            // [MQTT-3.6.1-1], [MQTT-3.8.1-1], [MQTT-3.10.1-1]
            case PUBREL, SUBSCRIBE, UNSUBSCRIBE -> FixedHeaders.FLAGS_0010;
            default -> FixedHeaders.NO_FLAGS;
        };
    }

    /** Also checks that {@code version}'s form can carry the packet: nothing is written before this. */
    private static int remainingLength(MqttPacket packet, ProtocolVersion version) {
        int length = switch (packet.type()) {
            case CONNECT -> connectLength((Connect) packet);
            case CONNACK -> AckEncoders.connackLength((Connack) packet, version);
            case PUBLISH -> {
                Publish publish = (Publish) packet;
                yield publishLength(publish, topicLength(publish));
            }
            case PUBACK -> AckEncoders.ackLength(packet, ((Puback) packet).reasonCode(), version);
            case PUBREC -> AckEncoders.ackLength(packet, ((Pubrec) packet).reasonCode(), version);
            case PUBREL -> AckEncoders.ackLength(packet, ((Pubrel) packet).reasonCode(), version);
            case PUBCOMP -> AckEncoders.ackLength(packet, ((Pubcomp) packet).reasonCode(), version);
            case SUBSCRIBE -> subscribeLength((Subscribe) packet);
            case SUBACK -> AckEncoders.subackLength((Suback) packet, version);
            case UNSUBSCRIBE -> unsubscribeLength((Unsubscribe) packet);
            case UNSUBACK -> AckEncoders.unsubackLength((Unsuback) packet, version);
            case PINGREQ, PINGRESP, DISCONNECT -> 0;
        };
        RemainingLength.encodedSize(length); // refuses packets the remaining length cannot express
        return length;
    }

    // ---- CONNECT (section 3.1)

    private static int connectLength(Connect connect) {
        if (connect.password() != null && connect.userName() == null) {
            throw new IllegalArgumentException("[MQTT-3.1.2-22] a password needs a user name");
        }
        long length = stringLength(connect.protocolVersion().protocolName(), "protocol name")
                + PROTOCOL_LEVEL_BYTES + CONNECT_FLAGS_BYTES + KEEP_ALIVE_BYTES
                + stringLength(connect.clientId(), "client identifier");
        Will will = connect.will();
        if (will != null) {
            length += stringLength(will.topic(), "will topic") + binaryLength(will.payload(), "will message");
        }
        if (connect.userName() != null) {
            length += stringLength(connect.userName(), "user name");
        }
        if (connect.password() != null) {
            length += binaryLength(connect.password(), "password");
        }
        return (int) length; // at most a few strings of 64 KB: no overflow
    }

    private static void writeConnect(Connect connect, Buffer out) {
        writeString(connect.protocolVersion().protocolName(), out);
        out.appendByte((byte) connect.protocolVersion().level());
        out.appendByte((byte) connectFlags(connect));
        out.appendUnsignedShort(connect.keepAliveSeconds());
        // [MQTT-3.1.3-1] payload fields in this order, present exactly when their flag is set
        writeString(connect.clientId(), out);
        Will will = connect.will();
        if (will != null) {
            writeString(will.topic(), out);
            writeBinary(will.payload(), out);
        }
        if (connect.userName() != null) {
            writeString(connect.userName(), out);
        }
        if (connect.password() != null) {
            writeBinary(connect.password(), out);
        }
    }

    private static int connectFlags(Connect connect) {
        int flags = connect.cleanSession() ? ConnectDecoder.CLEAN_SESSION_FLAG : 0;
        Will will = connect.will();
        if (will != null) {
            flags |= ConnectDecoder.WILL_FLAG | will.qos().value() << ConnectDecoder.WILL_QOS_SHIFT;
            flags |= will.retain() ? ConnectDecoder.WILL_RETAIN_FLAG : 0;
        }
        flags |= connect.userName() != null ? ConnectDecoder.USER_NAME_FLAG : 0;
        flags |= connect.password() != null ? ConnectDecoder.PASSWORD_FLAG : 0;
        return flags;
    }

    // ---- PUBLISH (section 3.3)

    /**
     * PUBLISH is the packet the broker encodes once per delivery, so the topic's UTF-8 length is computed once
     * and serves both the remaining length and the topic's length prefix (it also tells an all-ASCII topic, which
     * is then copied in bulk). Appends to {@code out}, or to a new buffer of the exact size if it is null.
     *
     * @return the buffer written to
     */
    private static Buffer encodePublish(Publish publish, Buffer out) {
        int topicLength = topicLength(publish);
        int remainingLength = publishLength(publish, topicLength);
        Buffer target = out != null ? out : Buffer.buffer(totalLength(remainingLength));
        target.appendByte((byte) FixedHeaders.byteFor(PacketType.PUBLISH, publishFlags(publish)));
        RemainingLength.append(remainingLength, target);
        writePublish(publish, topicLength, target);
        return target;
    }

    private static int publishFlags(Publish publish) {
        return (publish.dup() ? FixedHeaders.PUBLISH_DUP : 0)
                | publish.qos().value() << FixedHeaders.PUBLISH_QOS_SHIFT
                | (publish.retain() ? FixedHeaders.PUBLISH_RETAIN : 0);
    }

    /** @return the topic's UTF-8 length, without the prefix */
    private static int topicLength(Publish publish) {
        return utf8Length(publish.topic(), "topic name");
    }

    private static int publishLength(Publish publish, int topicLength) {
        long length = LENGTH_PREFIX_BYTES + topicLength
                + (publish.qos() == QoS.AT_MOST_ONCE ? 0 : PACKET_ID_BYTES)
                + (long) publish.payload().length;
        if (length > RemainingLength.MAX) {
            throw new IllegalArgumentException("PUBLISH of " + length + " bytes exceeds the protocol maximum");
        }
        return (int) length;
    }

    private static void writePublish(Publish publish, int topicLength, Buffer out) {
        writeString(publish.topic(), topicLength, out);
        if (publish.qos() != QoS.AT_MOST_ONCE) {
            out.appendUnsignedShort(publish.packetId()); // only QoS 1 and 2 carry one (section 3.3.2.2)
        }
        out.appendBytes(publish.payload());
    }

    // ---- SUBSCRIBE, UNSUBSCRIBE (sections 3.8, 3.10)

    private static int subscribeLength(Subscribe subscribe) {
        requireNonEmpty(subscribe.subscriptions().isEmpty(), "[MQTT-3.8.3-3] SUBSCRIBE needs a topic filter");
        long length = PACKET_ID_BYTES;
        for (TopicSubscription subscription : subscribe.subscriptions()) {
            length += stringLength(subscription.topicFilter(), "topic filter") + REQUESTED_QOS_BYTES;
        }
        return checkedLength(length);
    }

    private static void writeSubscribe(Subscribe subscribe, Buffer out) {
        out.appendUnsignedShort(subscribe.packetId());
        for (TopicSubscription subscription : subscribe.subscriptions()) {
            writeString(subscription.topicFilter(), out);
            out.appendByte((byte) subscription.qos().value());
        }
    }

    private static int unsubscribeLength(Unsubscribe unsubscribe) {
        requireNonEmpty(unsubscribe.topicFilters().isEmpty(), "[MQTT-3.10.3-2] UNSUBSCRIBE needs a topic filter");
        long length = PACKET_ID_BYTES;
        for (String filter : unsubscribe.topicFilters()) {
            length += stringLength(filter, "topic filter");
        }
        return checkedLength(length);
    }

    private static void writeUnsubscribe(Unsubscribe unsubscribe, Buffer out) {
        out.appendUnsignedShort(unsubscribe.packetId());
        for (String filter : unsubscribe.topicFilters()) {
            writeString(filter, out);
        }
    }

    // ---- fields

    static void requireNonEmpty(boolean empty, String message) {
        if (empty) {
            throw new IllegalArgumentException(message);
        }
    }

    static int checkedLength(long length) {
        if (length > RemainingLength.MAX) {
            throw new IllegalArgumentException("packet of " + length + " bytes exceeds the protocol maximum");
        }
        return (int) length;
    }

    /** @return the length of a UTF-8 string field including its two-byte length prefix */
    private static int stringLength(String value, String field) {
        return LENGTH_PREFIX_BYTES + utf8Length(value, field);
    }

    /** @return the UTF-8 length of a string field's content, after checking it fits the 16-bit prefix */
    private static int utf8Length(String value, String field) {
        int length = Utf8.encodedLength(value);
        if (length > Utf8.MAX_ENCODED_LENGTH) {
            throw new IllegalArgumentException(field + " is " + length + " bytes of UTF-8, at most "
                    + Utf8.MAX_ENCODED_LENGTH + " fit in a string");
        }
        return length;
    }

    private static int binaryLength(byte[] value, String field) {
        if (value.length > MAX_BINARY_LENGTH) {
            throw new IllegalArgumentException(field + " is " + value.length + " bytes, at most "
                    + MAX_BINARY_LENGTH + " fit in a length-prefixed field");
        }
        return LENGTH_PREFIX_BYTES + value.length;
    }

    /** For the control packets' strings, whose lengths the size computation does not keep. */
    private static void writeString(String value, Buffer out) {
        writeString(value, Utf8.encodedLength(value), out);
    }

    private static void writeString(String value, int encodedLength, Buffer out) {
        out.appendUnsignedShort(encodedLength);
        Utf8.append(value, encodedLength, out);
    }

    private static void writeBinary(byte[] value, Buffer out) {
        out.appendUnsignedShort(value.length);
        out.appendBytes(value);
    }
}
