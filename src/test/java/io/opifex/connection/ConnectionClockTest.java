package io.opifex.connection;

import static org.assertj.core.api.Assertions.assertThat;

import io.opifex.codec.DecodeError;
import io.opifex.codec.MqttEncoder;
import io.opifex.codec.packet.Connect;
import io.opifex.codec.packet.MqttPacket;
import io.opifex.codec.packet.Pingreq;
import io.opifex.codec.packet.ProtocolVersion;
import io.opifex.testing.ManualTicker;
import io.vertx.core.Context;
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
 * is closed for its own reason, the rest are left alone, and the clock forgets every connection that ends. Time is a
 * {@link ManualTicker} the test moves, and the test checks the deadlines itself (on the clock's loop) right after
 * moving it, so each deadline is seen exactly at its boundary: open 1 ns before, closed at it.
 */
class ConnectionClockTest {

    private static final Duration CONNECT_TIMEOUT = Duration.ofMillis(300);
    private static final int KEEP_ALIVE_SECONDS = 1;
    /** [MQTT-3.1.2-24] one and a half times the keep-alive. */
    private static final Duration KEEP_ALIVE_GRACE = Duration.ofMillis(1500);
    private static final Duration GENEROUS = Duration.ofSeconds(30);

    private final ManualTicker time = new ManualTicker();
    private Vertx vertx;
    private Context context;
    private ConnectionClock clock;

    @BeforeEach
    void startVertx() {
        vertx = Vertx.vertx();
        context = vertx.getOrCreateContext();
        clock = new ConnectionClock(context, time);
    }

    @AfterEach
    void stopVertx() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Test
    @DisplayName("[MQTT-3.1.2-24] among many connections on one loop, only the silent ones are closed, each for its own "
            + "reason, at its deadline and not 1 ns before")
    void closesOnlyTheConnectionsWhoseDeadlinePassed() throws Exception {
        Map<String, CloseReason> closed = new ConcurrentHashMap<>();
        List<FakeTransport> chatty = new ArrayList<>();
        onLoop(() -> {
            for (int i = 0; i < 20; i++) {
                open("silent-" + i, closed); // never sends CONNECT
                FakeTransport keepAlive = open("keep-alive-" + i, closed);
                keepAlive.receive(connect("keep-alive-" + i));
                keepAlive.connection.keepAlive(KEEP_ALIVE_SECONDS); // silent after CONNECT
                FakeTransport noKeepAlive = open("no-keep-alive-" + i, closed);
                noKeepAlive.receive(connect("no-keep-alive-" + i));
                noKeepAlive.connection.keepAlive(0);
                FakeTransport talking = open("chatty-" + i, closed);
                talking.receive(connect("chatty-" + i));
                talking.connection.keepAlive(KEEP_ALIVE_SECONDS);
                chatty.add(talking);
            }
        });
        Runnable ping = () -> chatty.forEach(transport -> transport.receive(MqttEncoder.encode(Pingreq.INSTANCE, ProtocolVersion.MQTT_3_1_1)));

        advanceAndCheck(CONNECT_TIMEOUT.minusNanos(1));
        assertThat(closed).as("1 ns before the CONNECT timeout").isEmpty();
        advanceAndCheck(Duration.ofNanos(1));
        assertThat(closed).as("at the CONNECT timeout").hasSize(20)
                .allSatisfy((id, reason) -> assertThat(reason).isEqualTo(CloseReason.CONNECT_TIMEOUT));

        onLoop(ping); // at 300 ms: the chatty ones' last packet
        advanceAndCheck(KEEP_ALIVE_GRACE.minus(CONNECT_TIMEOUT).minusNanos(1));
        assertThat(closed).as("1 ns before 1.5 times the keep-alive after CONNECT").hasSize(20);
        advanceAndCheck(Duration.ofNanos(1));
        assertThat(closed).as("at 1.5 times the keep-alive after CONNECT").hasSize(40);

        // the chatty ones outlive two more keep-alive periods and more, each silence as long as it may be
        onLoop(ping);
        for (int round = 0; round < 3; round++) {
            advanceAndCheck(KEEP_ALIVE_GRACE.minusNanos(1));
            assertThat(closed).as("round %d", round).hasSize(40);
            onLoop(ping);
        }
        assertThat(onLoopGet(() -> clock.watchedCount())).as("watched: the chatty ones").isEqualTo(20);
        advanceAndCheck(Duration.ofHours(1)); // nobody watches the ones with keep-alive 0
        assertThat(closed).as("chatty ones closed after an hour of silence, nothing else").hasSize(60);

        for (int i = 0; i < 20; i++) {
            assertThat(closed).containsEntry("silent-" + i, CloseReason.CONNECT_TIMEOUT)
                    .containsEntry("keep-alive-" + i, CloseReason.KEEP_ALIVE_TIMEOUT)
                    .containsEntry("chatty-" + i, CloseReason.KEEP_ALIVE_TIMEOUT)
                    .doesNotContainKey("no-keep-alive-" + i);
        }
        assertThat(onLoopGet(() -> clock.watchedCount())).isZero();
    }

    @Test
    @DisplayName("[MQTT-3.1.2-24] reading paused by the broker does not count against the keep-alive: the 1.5 times "
            + "start again when reading resumes")
    void pausedReadingDoesNotCountAgainstTheKeepAlive() throws Exception {
        Map<String, CloseReason> closed = new ConcurrentHashMap<>();
        FakeTransport[] publisher = new FakeTransport[1];
        onLoop(() -> {
            publisher[0] = open("paused", closed);
            publisher[0].receive(connect("paused"));
            publisher[0].connection.keepAlive(KEEP_ALIVE_SECONDS);
            publisher[0].connection.pauseReading();
        });

        advanceAndCheck(Duration.ofHours(1));
        assertThat(closed).as("paused for an hour").isEmpty();
        onLoop(() -> publisher[0].connection.resumeReading());
        advanceAndCheck(KEEP_ALIVE_GRACE.minusNanos(1));
        assertThat(closed).as("1 ns before 1.5 times the keep-alive after resuming").isEmpty();
        advanceAndCheck(Duration.ofNanos(1));
        assertThat(closed).containsOnly(Map.entry("paused", CloseReason.KEEP_ALIVE_TIMEOUT));
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

    /** Moves the time, then checks the deadlines on the clock's loop (its own 250 ms timer may check as well). */
    private void advanceAndCheck(Duration by) throws InterruptedException {
        time.advance(by);
        onLoop(clock::tick);
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
}
