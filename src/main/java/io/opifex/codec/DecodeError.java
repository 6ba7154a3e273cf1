package io.opifex.codec;

import io.opifex.codec.packet.PacketType;
import java.util.Objects;

/**
 * Why a byte stream is not a valid MQTT packet: a value, never a closed socket. The connection layer decides what
 * to do with it (CONNACK with a return code then close, or close).
 *
 * @param reason     the kind of violation, for the connection's decision and for metrics (bounded cardinality)
 * @param packetType the packet being decoded, or null when the fixed header itself was bad
 * @param specId     the normative statement broken, e.g. "MQTT-3.8.3-3", or null when the spec gives none
 * @param detail     one human-readable line for the debug log
 */
public record DecodeError(Reason reason, PacketType packetType, String specId, String detail) {

    public DecodeError {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
    }

    public enum Reason {
        /** Remaining length over the configured maximum packet size; nothing of the body was buffered. */
        PACKET_TOO_LARGE,
        /** Remaining length longer than 4 bytes or not minimally encoded. */
        MALFORMED_REMAINING_LENGTH,
        /** Packet type 0 or 15. */
        RESERVED_PACKET_TYPE,
        /** Fixed header flags that the packet type reserves [MQTT-2.2.2-1], [MQTT-2.2.2-2]. */
        INVALID_FIXED_HEADER_FLAGS,
        /** CONNECT with a protocol name other than "MQTT" (level 4) or "MQIsdp" (level 3) [MQTT-3.1.2-1]. */
        UNSUPPORTED_PROTOCOL_NAME,
        /** CONNECT with a protocol level the server does not support: answer CONNACK 0x01 [MQTT-3.1.2-2]. */
        UNSUPPORTED_PROTOCOL_LEVEL,
        /** CONNECT flags that break a rule: reserved bit, will flags, password without user name. */
        INVALID_CONNECT_FLAGS,
        /** A QoS of 3 in a PUBLISH, a will or a SUBSCRIBE. */
        INVALID_QOS,
        /** A string that is not well-formed UTF-8, or contains U+0000 or a surrogate [MQTT-1.5.3-1..2]. */
        INVALID_UTF8,
        /** A PUBLISH or will topic that is empty or contains a wildcard [MQTT-3.3.2-2], [MQTT-4.7.3-1]. */
        INVALID_TOPIC_NAME,
        /** A topic filter that is empty or misuses '+' or '#' [MQTT-4.7.1-2], [MQTT-4.7.1-3], [MQTT-4.7.3-1]. */
        INVALID_TOPIC_FILTER,
        /** A packet identifier of 0 where one is required [MQTT-2.3.1-1]. */
        INVALID_PACKET_ID,
        /** SUBSCRIBE or UNSUBSCRIBE with no topic filter [MQTT-3.8.3-3], [MQTT-3.10.3-2]. */
        EMPTY_TOPIC_LIST,
        /** DUP set on a QoS 0 PUBLISH [MQTT-3.3.1-2]. */
        DUP_ON_QOS_0,
        /** The body ends before its fields do, or has bytes left after them. */
        LENGTH_MISMATCH,
        /** Any other field that breaks the wire format (e.g. a reserved CONNACK return code or flag bits). */
        MALFORMED_FIELD
    }
}
