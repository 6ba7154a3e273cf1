package io.opifex.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opifex.connection.ConnectionSettings;
import io.opifex.connection.tcp.TcpListeners;
import io.opifex.observability.BrokerMeters;
import io.opifex.server.Broker;
import io.opifex.server.BrokerSettings;
import io.opifex.server.auth.Authorizer;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The broker without Quarkus, wired as {@code io.opifex.app.BrokerService} wires it with the default
 * configuration (default limits, meters, one listener per event loop, 2 × cores event loops) minus $SYS and the
 * management interface. For benchmarks only, when the packaged application cannot be started as a server
 * ({@code bench/compare.sh --opifex-launch plain}). Environment: OPIFEX_TCP_HOST (127.0.0.1), OPIFEX_TCP_PORT (1883).
 */
public final class PlainBroker {

    private PlainBroker() {
    }

    public static void main(String[] args) throws Exception {
        String host = System.getenv().getOrDefault("OPIFEX_TCP_HOST", "127.0.0.1");
        int port = Integer.parseInt(System.getenv().getOrDefault("OPIFEX_TCP_PORT", "1883"));
        int loops = VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE;
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(loops));
        BrokerMeters meters = new BrokerMeters(new SimpleMeterRegistry());
        Broker broker = new Broker(BrokerSettings.defaults(), meters, Authorizer.allowAll());
        meters.bindState(broker);
        ConnectionSettings connection = new ConnectionSettings(1024 * 1024, Duration.ofSeconds(10), 1024 * 1024);
        TcpListeners listeners = TcpListeners.deploy(vertx, host, port, loops, connection, meters, broker::accept)
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        System.err.printf("PlainBroker: MQTT on %s:%d, %d event loops%n", host, listeners.port(), loops);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS)
                    .exceptionally(e -> null).join();
            stopped.countDown();
        }));
        stopped.await();
    }
}
