package io.opifex.testing;

import io.opifex.connection.ConnectionMetrics;
import io.opifex.connection.ConnectionSettings;
import io.opifex.connection.Ticker;
import io.opifex.connection.tcp.TcpListeners;
import io.opifex.persistence.memory.MemoryPersistence;
import io.opifex.persistence.spi.Persistence;
import io.opifex.server.Broker;
import io.opifex.server.metrics.BrokerMetrics;
import io.opifex.server.BrokerSettings;
import io.opifex.server.auth.Authorizer;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A real broker on a free loopback port with two event loops (so cross-loop routing and takeover are exercised),
 * built without Quarkus so each test class can choose its limits.
 */
public final class EmbeddedBroker implements AutoCloseable {

    private static final int EVENT_LOOPS = 2;
    private static final long START_TIMEOUT_SECONDS = 30;

    private final Vertx vertx;
    private final Broker broker;
    private final TcpListeners listeners;

    private EmbeddedBroker(Vertx vertx, Broker broker, TcpListeners listeners) {
        this.vertx = vertx;
        this.broker = broker;
        this.listeners = listeners;
    }

    public static EmbeddedBroker start() {
        return start(BrokerSettings.defaults(), Authorizer.allowAll(), connectionSettings());
    }

    public static EmbeddedBroker start(BrokerSettings settings, Authorizer authorizer, ConnectionSettings connection) {
        return start(settings, authorizer, connection, new MemoryPersistence());
    }

    /** With a given store, e.g. one shared with an earlier broker to simulate a restart. */
    public static EmbeddedBroker start(BrokerSettings settings, Authorizer authorizer, ConnectionSettings connection,
                                       Persistence persistence) {
        return start(settings, authorizer, connection, persistence, Ticker.SYSTEM);
    }

    /** With the connections' deadlines measured in {@code ticker}'s time, e.g. a {@link ManualTicker}. */
    public static EmbeddedBroker start(BrokerSettings settings, Authorizer authorizer, ConnectionSettings connection,
                                       Persistence persistence, Ticker ticker) {
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(EVENT_LOOPS));
        try {
            Broker broker = new Broker(settings, BrokerMetrics.NONE, authorizer, persistence);
            broker.restore(vertx).toCompletionStage().toCompletableFuture().get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            TcpListeners listeners = TcpListeners.deploy(vertx, "127.0.0.1", 0, EVENT_LOOPS, ticker, connection,
                            ConnectionMetrics.NONE, broker::accept)
                    .toCompletionStage().toCompletableFuture().get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return new EmbeddedBroker(vertx, broker, listeners);
        } catch (Exception e) {
            IllegalStateException failed = new IllegalStateException("embedded broker did not start", e);
            try {
                // nothing of a failed start may outlive it: the test that asked gets no handle to close
                vertx.close().toCompletionStage().toCompletableFuture().get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (Exception closing) {
                failed.addSuppressed(closing);
            }
            throw failed;
        }
    }

    public static ConnectionSettings connectionSettings() {
        return new ConnectionSettings(1024 * 1024, Duration.ofSeconds(10), 1024 * 1024);
    }

    public int port() {
        return listeners.port();
    }

    public String uri() {
        return "tcp://127.0.0.1:" + port();
    }

    public Broker broker() {
        return broker;
    }

    public Vertx vertx() {
        return vertx;
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }
}
