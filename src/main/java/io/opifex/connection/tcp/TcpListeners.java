package io.opifex.connection.tcp;

import io.opifex.connection.Connection;
import io.opifex.connection.ConnectionMetrics;
import io.opifex.connection.ConnectionSettings;
import io.opifex.connection.Ticker;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Verticle;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** Deploys one {@link TcpListenerVerticle} per event loop, all on one port. */
public final class TcpListeners {

    /** A negative port makes Vert.x bind one random port that all instances share; 0 would give each its own. */
    private static final int SHARED_RANDOM_PORT = -1;

    private final String deploymentId;
    private final int port;

    private TcpListeners(String deploymentId, int port) {
        this.deploymentId = deploymentId;
        this.port = port;
    }

    /**
     * @param port   0 for any free port
     * @param ticker the time connection deadlines are measured in: {@link Ticker#SYSTEM} but in tests
     */
    public static Future<TcpListeners> deploy(Vertx vertx, String host, int port, int instances, Ticker ticker,
                                              ConnectionSettings settings, ConnectionMetrics metrics,
                                              Consumer<Connection> acceptor) {
        int bindPort = port == 0 ? SHARED_RANDOM_PORT : port;
        List<TcpListenerVerticle> listeners = new CopyOnWriteArrayList<>();
        Supplier<Verticle> perEventLoop = () -> {
            TcpListenerVerticle listener = new TcpListenerVerticle(host, bindPort, settings, metrics, ticker, acceptor);
            listeners.add(listener);
            return listener;
        };
        return vertx.deployVerticle(perEventLoop, new DeploymentOptions().setInstances(instances))
                .map(id -> new TcpListeners(id, listeners.get(0).actualPort()));
    }

    /** The bound port. */
    public int port() {
        return port;
    }

    /** Stops listening and closes the connections the listeners accepted. */
    public Future<Void> undeploy(Vertx vertx) {
        return vertx.undeploy(deploymentId);
    }
}
