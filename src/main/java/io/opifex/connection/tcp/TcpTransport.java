package io.opifex.connection.tcp;

import io.opifex.connection.Transport;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;

/** MQTT over a plain (or TLS) TCP socket. */
public final class TcpTransport implements Transport {

    private final NetSocket socket;
    private final String listenerName;

    public TcpTransport(NetSocket socket, String listenerName, int writeQueueHighWater) {
        this.socket = socket;
        this.listenerName = listenerName;
        socket.setWriteQueueMaxSize(writeQueueHighWater);
    }

    @Override
    public void handler(Handler<Buffer> handler) {
        socket.handler(handler);
    }

    @Override
    public void closeHandler(Handler<Void> handler) {
        socket.closeHandler(handler);
    }

    @Override
    public void exceptionHandler(Handler<Throwable> handler) {
        socket.exceptionHandler(handler);
    }

    @Override
    public void write(Buffer data) {
        socket.write(data);
    }

    @Override
    public void end(Buffer data) {
        socket.end(data);
    }

    @Override
    public void close() {
        socket.close();
    }

    @Override
    public boolean writeQueueFull() {
        return socket.writeQueueFull();
    }

    @Override
    public void drainHandler(Handler<Void> handler) {
        socket.drainHandler(handler);
    }

    @Override
    public void pause() {
        socket.pause();
    }

    @Override
    public void resume() {
        socket.resume();
    }

    @Override
    public String remoteAddress() {
        return String.valueOf(socket.remoteAddress());
    }

    @Override
    public String listenerName() {
        return listenerName;
    }
}
