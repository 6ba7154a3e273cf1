package io.opifex.connection;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.util.HexFormat;

/**
 * A transport without a socket, fed by the test on the connection's event loop: remembers what was written, and
 * reports its close later in the loop's turn, as a socket does.
 */
final class FakeTransport implements Transport {

    private static final HexFormat HEX = HexFormat.ofDelimiter(" ");

    /** The connection over this transport, where a test keeps it. */
    MqttConnection connection;
    private final Buffer written = Buffer.buffer();
    private Handler<Buffer> handler;
    private Handler<Void> closeHandler;
    private boolean closed;

    void receive(Buffer bytes) {
        if (!closed) {
            handler.handle(bytes);
        }
    }

    void receive(String hex) {
        receive(Buffer.buffer(HexFormat.of().parseHex(hex.replace(" ", ""))));
    }

    /** Everything written so far, as space-separated hex. */
    String written() {
        return HEX.formatHex(written.getBytes());
    }

    @Override
    public void handler(Handler<Buffer> handler) {
        this.handler = handler;
    }

    @Override
    public void closeHandler(Handler<Void> handler) {
        this.closeHandler = handler;
    }

    @Override
    public void exceptionHandler(Handler<Throwable> handler) {
    }

    @Override
    public void write(Buffer data) {
        written.appendBuffer(data);
    }

    @Override
    public void end(Buffer data) {
        written.appendBuffer(data);
        close();
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            if (closeHandler != null) {
                Vertx.currentContext().runOnContext(v -> closeHandler.handle(null));
            }
        }
    }

    @Override
    public boolean writeQueueFull() {
        return false;
    }

    @Override
    public void drainHandler(Handler<Void> handler) {
    }

    @Override
    public void pause() {
    }

    @Override
    public void resume() {
    }

    @Override
    public String remoteAddress() {
        return "test";
    }

    @Override
    public String listenerName() {
        return "test";
    }
}
