package io.opifex.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.opifex.codec.DecodeError;
import io.opifex.codec.MqttEncoder;
import io.opifex.codec.packet.Connect;
import io.opifex.codec.packet.MqttPacket;
import io.opifex.codec.packet.Pingreq;
import io.opifex.codec.packet.ProtocolVersion;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * One clock per event loop watches the CONNECT timeouts and keep-alives of many connections at once: each connection
 * is closed for its own reason, the rest are left alone, and the clock forgets every connection that ends.
 */
class ConnectionClockTest {

    private static final Duration CONNECT_TIMEOUT = Duration.ofMillis(300);
    private static final Duration GENEROUS = Duration.ofSeconds(30);

    private Vertx vertx;
    private Context context;
    private ConnectionClock clock;

    @BeforeEach
    void startVertx() {
        vertx = Vertx.vertx();
        context = vertx.getOrCreateContext();
        clock = new ConnectionClock(context);
    }

    @AfterEach
    void stopVertx() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Test
    @DisplayName("[MQTT-3.1.2-24] among many connections on one loop, only the silent ones are closed, each for its own reason")
    void closesOnlyTheConnectionsWhoseDeadlinePassed() throws Exception {
        Map<String, CloseReason> closed = new ConcurrentHashMap<>();
        List<FakeTransport> chatty = new ArrayList<>();
        onLoop(() -> {
            for (int i = 0; i < 20; i++) {
                open("silent-" + i, closed); // never sends CONNECT
                FakeTransport keepAlive = open("keep-alive-" + i, closed);
                keepAlive.receive(connect("keep-alive-" + i));
                keepAlive.connection.keepAlive(1); // silent after CONNECT: closed after 1.5 s
                FakeTransport noKeepAlive = open("no-keep-alive-" + i, closed);
                noKeepAlive.receive(connect("no-keep-alive-" + i));
                noKeepAlive.connection.keepAlive(0);
                FakeTransport talking = open("chatty-" + i, closed);
                talking.receive(connect("chatty-" + i));
                talking.connection.keepAlive(1);
                chatty.add(talking);
            }
        });
        long pinger = vertx.setPeriodic(200, id -> context.runOnContext(v -> chatty.forEach(
                transport -> transport.receive(MqttEncoder.encode(Pingreq.INSTANCE, ProtocolVersion.MQTT_3_1_1)))));
        try {
            await().atMost(GENEROUS).until(() -> closed.size() >= 40);
            // the chatty ones outlive two more keep-alive periods
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
            await().atMost(GENEROUS).until(() -> System.nanoTime() > end);
        } finally {
            vertx.cancelTimer(pinger);
        }

        for (int i = 0; i < 20; i++) {
            assertThat(closed).containsEntry("silent-" + i, CloseReason.CONNECT_TIMEOUT)
                    .containsEntry("keep-alive-" + i, CloseReason.KEEP_ALIVE_TIMEOUT)
                    .doesNotContainKey("no-keep-alive-" + i)
                    .doesNotContainKey("chatty-" + i);
        }
        assertThat(onLoopGet(() -> clock.watchedCount())).isEqualTo(20); // the chatty ones
    }

    @Test
    @DisplayName("a connection that closes is forgotten by the clock at once, and the clock stops when nothing is left")
    void forgetsClosedConnections() throws Exception {
        Map<String, CloseReason> closed = new ConcurrentHashMap<>();
        List<FakeTransport> transports = new ArrayList<>();
        onLoop(() -> {
            for (int i = 0; i < 10; i++) {
                FakeTransport transport = open("c" + i, closed);
                transport.receive(connect("c" + i));
                transport.connection.keepAlive(60);
                transports.add(transport);
            }
        });
        assertThat(onLoopGet(() -> clock.watchedCount())).isEqualTo(10);

        onLoop(() -> transports.forEach(transport -> transport.connection.close(CloseReason.CLIENT_DISCONNECT)));

        assertThat(onLoopGet(() -> clock.watchedCount())).isZero();
        assertThat(closed).hasSize(10).allSatisfy((id, reason) -> assertThat(reason)
                .isEqualTo(CloseReason.CLIENT_DISCONNECT));
    }

    private FakeTransport open(String name, Map<String, CloseReason> closed) {
        FakeTransport transport = new FakeTransport();
        transport.connection = new MqttConnection(vertx, transport,
                new ConnectionSettings(1024, CONNECT_TIMEOUT, 64 * 1024), ConnectionMetrics.NONE, clock);
        transport.connection.start(new ConnectionHandler() {
            @Override
            public void onPacket(MqttPacket packet) {
            }

            @Override
            public void onDecodeError(DecodeError error) {
            }

            @Override
            public void onClosed(CloseReason reason) {
                closed.put(name, reason);
            }
        });
        return transport;
    }

    private static Buffer connect(String clientId) {
        return MqttEncoder.encode(new Connect(ProtocolVersion.MQTT_3_1_1, clientId, true, 1, null, null, null),
                ProtocolVersion.MQTT_3_1_1);
    }

    private void onLoop(Runnable action) throws InterruptedException {
        onLoopGet(() -> {
            action.run();
            return null;
        });
    }

    private <T> T onLoopGet(Supplier<T> action) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        List<T> result = new ArrayList<>(1);
        context.runOnContext(v -> {
            try {
                result.add(action.get());
            } finally {
                done.countDown();
            }
        });
        assertThat(done.await(GENEROUS.toSeconds(), TimeUnit.SECONDS)).isTrue();
        return result.get(0);
    }

    /** A transport fed by the test on the connection's loop. */
    private static final class FakeTransport implements Transport {
        MqttConnection connection;
        private Handler<Buffer> handler;
        private Handler<Void> closeHandler;
        private boolean closed;

        void receive(Buffer bytes) {
            if (!closed) {
                handler.handle(bytes);
            }
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
        }

        @Override
        public void end(Buffer data) {
            close();
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                Vertx.currentContext().runOnContext(v -> closeHandler.handle(null)); // later, as a socket does
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
}
