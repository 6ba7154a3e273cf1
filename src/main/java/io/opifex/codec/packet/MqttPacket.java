package io.opifex.codec.packet;

/** One MQTT control packet, immutable. Switch over the permitted records. */
public sealed interface MqttPacket
        permits Connect, Connack, Publish, Puback, Pubrec, Pubrel, Pubcomp, Subscribe, Suback, Unsubscribe, Unsuback,
                Pingreq, Pingresp, Disconnect {

    PacketType type();
}
