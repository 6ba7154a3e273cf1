package io.opifex.connection;

import io.opifex.codec.DecodeError;
import io.opifex.codec.packet.PacketType;

/** What the connection layer counts; implemented with Micrometer by the service, a no-op in unit tests. */
public interface ConnectionMetrics {

    ConnectionMetrics NONE = new ConnectionMetrics() {
    };

    default void connectionOpened(String listener) {
    }

    default void connectionClosed(String listener, CloseReason reason) {
    }

    default void bytesReceived(int count) {
    }

    default void bytesSent(int count) {
    }

    default void packetReceived(PacketType type) {
    }

    default void packetSent(PacketType type) {
    }

    default void protocolError(DecodeError.Reason reason) {
    }
}
