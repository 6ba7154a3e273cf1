package io.opifex.connection.tcp;

import io.opifex.connection.Connection;
import io.opifex.connection.ConnectionClock;
import io.opifex.connection.ConnectionMetrics;
import io.opifex.connection.ConnectionSettings;
import io.opifex.connection.MqttConnection;
import io.opifex.connection.Ticker;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.Promise;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import java.util.function.Consumer;

/**
 * One MQTT-over-TCP acceptor on this verticle's event loop. Deploy one instance per event loop on the same port:
 * Vert.x spreads accepted sockets across them, and each connection lives on the loop that accepted it.
 */
public final class TcpListenerVerticle extends AbstractVerticle {

    public static final String LISTENER_NAME = "tcp";

    private final String host;
    private final int port;
    private final ConnectionSettings settings;
    private final ConnectionMetrics metrics;
    private final Ticker ticker;
    private final Consumer<Connection> acceptor;
    private NetServer server;

    /** @param ticker the time this loop's connection deadlines are measured in: {@link Ticker#SYSTEM} but in tests */
    public TcpListenerVerticle(String host, int port, ConnectionSettings settings, ConnectionMetrics metrics,
                               Ticker ticker, Consumer<Connection> acceptor) {
        this.host = host;
        this.port = port;
        this.settings = settings;
        this.metrics = metrics;
        this.ticker = ticker;
        this.acceptor = acceptor;
    }

    @Override
    public void start(Promise<Void> started) {
        NetServerOptions options = new NetServerOptions()
                .setHost(host)
                .setPort(port)
                .setTcpNoDelay(true) // MQTT packets are small and latency-sensitive
                .setReuseAddress(true);
        server = vertx.createNetServer(options);
        ConnectionClock clock = new ConnectionClock(context, ticker); // one for all of this loop's connections
        server.connectHandler(socket -> acceptor.accept(new MqttConnection(vertx,
                new TcpTransport(socket, LISTENER_NAME, settings.writeQueueHighWater()), settings, metrics, clock)));
        server.listen().onComplete(result -> {
            if (result.succeeded()) {
                started.complete();
            } else {
                started.fail(new IllegalStateException("cannot listen for MQTT on " + host + ":" + port + ": "
                        + result.cause().getMessage(), result.cause()));
            }
        });
    }

    /** The bound port: differs from the configured one when that was 0. */
    public int actualPort() {
        return server.actualPort();
    }
}
