package io.opifex.connection;

import io.vertx.core.Future;
import java.time.Duration;

/**
 * The client side of the transport contract: opens the {@link Transport} a client's MQTT connection runs over (TCP
 * today; TLS and WebSocket connectors take their own settings, such as trust or path, in their constructors). A
 * client owns its connector: it connects through it from its event loop and closes it when it is closed for good,
 * so give each client its own.
 */
public interface Connector {

    /**
     * Opens a stream to {@code host:port}; the transport's callbacks run on the calling event loop.
     *
     * @param timeout             fail if the stream is not open within this (for TLS and WebSocket: handshakes
     *                            included); the wait for CONNACK is the caller's and comes after
     * @param writeQueueHighWater bytes queued before {@link Transport#writeQueueFull()} says so
     * @return the open stream, or the transport's failure as it is: the caller adds the address
     */
    Future<Transport> connect(String host, int port, Duration timeout, int writeQueueHighWater);

    /** Releases what the connector holds, closing any stream still open; a later connect starts afresh. */
    Future<Void> close();
}
