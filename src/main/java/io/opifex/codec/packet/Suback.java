package io.opifex.codec.packet;

import java.util.List;

/** SUBACK. Each return code is 0, 1 or 2 (the granted QoS) or {@link #FAILURE} (0x80). */
public record Suback(int packetId, List<Integer> returnCodes) implements MqttPacket {

    public static final int FAILURE = 0x80;

    public Suback {
        PacketIds.requireValid(packetId);
        returnCodes = List.copyOf(returnCodes);
    }

    @Override
    public PacketType type() {
        return PacketType.SUBACK;
    }
}
