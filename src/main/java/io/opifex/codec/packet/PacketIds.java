package io.opifex.codec.packet;

/** Packet identifiers are 1-65535; 0 is never valid where one is required [MQTT-2.3.1-1]. */
public final class PacketIds {

    public static final int MAX = 0xFFFF;

    private PacketIds() {
    }

    static void requireValid(int packetId) {
        if (packetId < 1 || packetId > MAX) {
            throw new IllegalArgumentException("packet id must be 1-65535, was " + packetId);
        }
    }
}
