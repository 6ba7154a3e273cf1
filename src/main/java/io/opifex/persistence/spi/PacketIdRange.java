package io.opifex.persistence.spi;

/** The packet identifiers a stored session may hold: 1 to 65535, as the protocol numbers them (section 2.3.1). */
final class PacketIdRange {

    static final int MAX = 0xFFFF;

    private PacketIdRange() {
    }

    static void requireValid(int packetId) {
        if (packetId < 1 || packetId > MAX) {
            throw new IllegalArgumentException("packet id must be 1-" + MAX + ", was " + packetId);
        }
    }
}
