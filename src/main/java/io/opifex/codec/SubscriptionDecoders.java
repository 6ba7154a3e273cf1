package io.opifex.codec;

import io.opifex.codec.DecodeError.Reason;
import io.opifex.codec.packet.ProtocolVersion;
import io.opifex.codec.packet.QoS;
import io.opifex.codec.packet.ReasonCode;
import io.opifex.codec.packet.Suback;
import io.opifex.codec.packet.Subscribe;
import io.opifex.codec.packet.TopicSubscription;
import io.opifex.codec.packet.Unsubscribe;
import java.util.ArrayList;
import java.util.List;

/** SUBSCRIBE (3.8), SUBACK (3.9) and UNSUBSCRIBE (3.10): a packet identifier, then a non-empty list. */
final class SubscriptionDecoders {

    /** The upper 6 bits of a requested QoS byte are reserved [MQTT-3-8.3-4]. */
    static final int REQUESTED_QOS_RESERVED_BITS = 0b1111_1100;
    private static final int QOS_RESERVED = 3;
    /** The one failure return code of a 3.x SUBACK [MQTT-3.9.3-2]. */
    static final int SUBACK_FAILURE_3 = 0x80;
    /**
     * The spec's own spelling of this id (with a '-' after the 3) is kept so that it can be searched for in the
     * conformance statements.
     */
    static final String SUBSCRIBE_OPTIONS_SPEC = "MQTT-3-8.3-4";

    private SubscriptionDecoders() {
    }

    static Subscribe subscribe(BodyReader body) {
        int packetId = body.readPacketId();
        if (!body.hasRemaining()) {
            // [MQTT-3.8.3-3] at least one topic filter / QoS pair
            throw body.error(Reason.EMPTY_TOPIC_LIST, "MQTT-3.8.3-3", "no topic filter");
        }
        List<TopicSubscription> subscriptions = new ArrayList<>();
        while (body.hasRemaining()) {
            String filter = readTopicFilter(body);
            int requestedQos = body.readUnsignedByte("requested QoS");
            if ((requestedQos & REQUESTED_QOS_RESERVED_BITS) != 0) {
                throw body.error(Reason.MALFORMED_FIELD, SUBSCRIBE_OPTIONS_SPEC,
                        "reserved bits set in requested QoS byte 0x" + Integer.toHexString(requestedQos));
            }
            if (requestedQos == QOS_RESERVED) {
                throw body.error(Reason.INVALID_QOS, SUBSCRIBE_OPTIONS_SPEC, "requested QoS 3 for " + filter);
            }
            subscriptions.add(new TopicSubscription(filter, QoS.of(requestedQos)));
        }
        return new Subscribe(packetId, subscriptions);
    }

    static Unsubscribe unsubscribe(BodyReader body) {
        int packetId = body.readPacketId();
        if (!body.hasRemaining()) {
            // [MQTT-3.10.3-2] at least one topic filter
            throw body.error(Reason.EMPTY_TOPIC_LIST, "MQTT-3.10.3-2", "no topic filter");
        }
        List<String> filters = new ArrayList<>();
        while (body.hasRemaining()) {
            filters.add(readTopicFilter(body));
        }
        return new Unsubscribe(packetId, filters);
    }

    static Suback suback(BodyReader body, ProtocolVersion version) {
        return switch (version) {
            case MQTT_3_1, MQTT_3_1_1 -> suback3(body);
        };
    }

    /** The 3.x SUBACK: a granted QoS or 0x80 per filter, read as {@link ReasonCode#UNSPECIFIED_ERROR}. */
    private static Suback suback3(BodyReader body) {
        int packetId = body.readPacketId();
        if (!body.hasRemaining()) {
            // One return code per filter of the SUBSCRIBE, which has at least one (section 3.9.3); no spec id.
            throw body.error(Reason.MALFORMED_FIELD, null, "no return code");
        }
        List<ReasonCode> reasonCodes = new ArrayList<>(body.remaining());
        while (body.hasRemaining()) {
            int code = body.readUnsignedByte("return code");
            if (code == SUBACK_FAILURE_3) {
                reasonCodes.add(ReasonCode.UNSPECIFIED_ERROR);
            } else if (code <= QoS.EXACTLY_ONCE.value()) {
                reasonCodes.add(ReasonCode.granted(QoS.of(code)));
            } else {
                // [MQTT-3.9.3-2] only 0x00, 0x01, 0x02 and 0x80
                throw body.error(Reason.MALFORMED_FIELD, "MQTT-3.9.3-2",
                        "reserved return code 0x" + Integer.toHexString(code));
            }
        }
        return new Suback(packetId, reasonCodes);
    }

    private static String readTopicFilter(BodyReader body) {
        String filter = body.readString("topic filter");
        Topics.Violation violation = Topics.topicFilterViolation(filter);
        if (violation != null) {
            // [MQTT-4.7.3-1] not empty, [MQTT-4.7.1-2] '#' last and alone, [MQTT-4.7.1-3] '+' alone in its level
            throw body.error(Reason.INVALID_TOPIC_FILTER, violation.specId(), violation.detail());
        }
        return filter;
    }
}
