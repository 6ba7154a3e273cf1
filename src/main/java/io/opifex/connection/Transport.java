package io.opifex.connection;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;

/**
 * The byte stream an MQTT connection runs over: TCP, TLS or WebSocket. Everything above this interface is the same
 * for every transport. All calls and callbacks happen on the connection's event loop.
 */
public interface Transport {

    void handler(Handler<Buffer> handler);

    void closeHandler(Handler<Void> handler);

    void exceptionHandler(Handler<Throwable> handler);

    void write(Buffer data);

    /** Writes the last bytes, then closes once they are flushed. */
    void end(Buffer data);

    void close();

    boolean writeQueueFull();

    void drainHandler(Handler<Void> handler);

    void pause();

    void resume();

    /** host:port of the peer, for logs. */
    String remoteAddress();

    /** The listener that accepted the connection, for logs and metrics ("tcp", "ws", ...). */
    String listenerName();
}
