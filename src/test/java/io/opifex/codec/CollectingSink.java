package io.opifex.codec;

import io.opifex.codec.packet.MqttPacket;
import java.util.ArrayList;
import java.util.List;

/** Records what a decoder hands over. */
final class CollectingSink implements PacketSink {

    final List<MqttPacket> packets = new ArrayList<>();
    final List<DecodeError> errors = new ArrayList<>();

    @Override
    public void packet(MqttPacket packet) {
        packets.add(packet);
    }

    @Override
    public void error(DecodeError error) {
        errors.add(error);
    }
}
