package io.opifex.codec;

import io.opifex.codec.DecodeError.Reason;
import io.opifex.codec.packet.Publish;
import io.opifex.codec.packet.QoS;

/**
 * PUBLISH (section 3.3). The variable header is decoded separately from the payload so that a PUBLISH spanning
 * chunks can copy its payload straight into the record's array, and so that a bad topic is reported before the
 * payload has arrived.
 */
final class PublishDecoder {

    static final int TOPIC_LENGTH_BYTES = 2;
    static final int PACKET_ID_BYTES = 2;

    private PublishDecoder() {
    }

    /** What precedes the payload; the flags come from the fixed header, already checked by {@link FixedHeaders}. */
    record Header(String topic, QoS qos, boolean retain, boolean dup, int packetId) {

        Publish withPayload(byte[] payload) {
            return new Publish(topic, qos, retain, dup, packetId, payload);
        }
    }

    static Publish decode(int flags, BodyReader body) {
        return readHeader(flags, body).withPayload(body.readRest());
    }

    /** @return the length of the variable header once the topic length (first two bytes) is known */
    static int headerLength(int flags, int topicLength) {
        int packetIdLength = FixedHeaders.publishQos(flags) == QoS.AT_MOST_ONCE.value() ? 0 : PACKET_ID_BYTES;
        return TOPIC_LENGTH_BYTES + topicLength + packetIdLength;
    }

    static Header readHeader(int flags, BodyReader body) {
        QoS qos = QoS.of(FixedHeaders.publishQos(flags));
        boolean retain = (flags & FixedHeaders.PUBLISH_RETAIN) != 0;
        boolean dup = (flags & FixedHeaders.PUBLISH_DUP) != 0;
        String topic = body.readString("topic name");
        Topics.Violation violation = Topics.topicNameViolation(topic);
        if (violation != null) {
            // [MQTT-3.3.2-2] no wildcards, [MQTT-4.7.3-1] not empty
            throw body.error(Reason.INVALID_TOPIC_NAME, violation.specId(), violation.detail());
        }
        // Only QoS 1 and 2 carry a packet identifier (section 3.3.2.2); it is non-zero [MQTT-2.3.1-1].
        int packetId = qos == QoS.AT_MOST_ONCE ? 0 : body.readPacketId();
        return new Header(topic, qos, retain, dup, packetId);
    }
}
