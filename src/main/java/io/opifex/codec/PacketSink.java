package io.opifex.codec;

import io.opifex.codec.packet.MqttPacket;

/** Where {@link MqttDecoder} hands what it decoded: every complete packet in order, then at most one error. */
public interface PacketSink {

    void packet(MqttPacket packet);

    /** Called once, on the first violation; the decoder ignores all input after it. */
    void error(DecodeError error);
}
