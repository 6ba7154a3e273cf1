package io.opifex.server;

import static io.opifex.testing.Packets.connackHex;
import static io.opifex.testing.Packets.connect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.opifex.codec.packet.Pingresp;
import io.opifex.connection.ConnectionSettings;
import io.opifex.testing.BrokerExtension;
import io.opifex.testing.ManualTicker;
import io.opifex.testing.RawClient;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The broker's deadlines over a real socket, on a clock the test moves: the keep-alive [MQTT-3.1.2-24] and the
 * CONNECT timeout, each seen open 1 ns before its boundary and closed at it, without waiting for either.
 *
 * <p>Each test has a broker of its own with one connection on it, so the time is read only by that connection and by
 * its event loop's clock, which checks the deadlines every 250 ms of real time while it watches a connection.
 */
class KeepAliveTest {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** [MQTT-3.1.2-24] one and a half times a keep-alive of 1 s. */
    private static final Duration KEEP_ALIVE_GRACE = Duration.ofMillis(1500);
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** The clock checks every 250 ms: look more often than that. */
    private static final Duration POLL = Duration.ofMillis(10);

    @RegisterExtension
    final BrokerExtension broker = BrokerExtension.create().withManualClock()
            .withConnectionSettings(new ConnectionSettings(1024 * 1024, CONNECT_TIMEOUT, 1024 * 1024)).perTest();

    @Test
    @DisplayName("[MQTT-3.1.2-24] no packet within 1.5 times the keep-alive closes the connection, and not 1 ns before")
    void closesWhenKeepAliveExpires() throws Exception {
        try (RawClient client = new RawClient(broker.port())) {
            client.send(connect("sleepy", true, 1));
            assertThat(client.readPacketHex()).isEqualTo(connackHex(false, 0)); // the CONNECT was read at time 0

            broker.clock().advance(KEEP_ALIVE_GRACE.minusNanos(1));
            awaitTwoDeadlineChecks();
            assertThat(broker.broker().stats().clientsConnected()).as("connected 1 ns before 1.5 s").isEqualTo(1);

            broker.clock().advance(Duration.ofNanos(1));
            assertThat(client.closedByBroker(WAIT)).as("closed at 1.5 s").isTrue();
        }
    }

    @Test
    @DisplayName("[MQTT-3.1.2-24] a client that pings within 1.5 times the keep-alive stays connected")
    void keepsClientThatPings() throws Exception {
        try (RawClient client = new RawClient(broker.port())) {
            client.send(connect("pings-in-time", true, 1));
            assertThat(client.readPacketHex()).isEqualTo(connackHex(false, 0));
            for (int i = 0; i < 4; i++) {
                // as long a silence as the keep-alive allows, seen by the broker's clock, then a ping: the clock's
                // check ran on the connection's loop before the PINGREQ is read there, so a close would show here
                broker.clock().advance(KEEP_ALIVE_GRACE.minusNanos(1));
                awaitDeadlineCheck();
                client.sendHex("c000");
                assertThat(client.read()).as("PINGRESP after silence %d", i).isEqualTo(Pingresp.INSTANCE);
            }
        }
    }

    @Test
    @DisplayName("a connection that sends no CONNECT is closed at the connect timeout and not 1 ns before (section "
            + "3.1.4 asks for 'a reasonable amount of time', a SHOULD without an id)")
    void closesConnectionWithoutConnectAtTheConnectTimeout() throws Exception {
        try (RawClient client = new RawClient(broker.port())) {
            // the broker starts the CONNECT timeout when it takes the connection, reading the time once
            await().atMost(WAIT).until(() -> broker.clock().reads() >= 1);

            broker.clock().advance(CONNECT_TIMEOUT.minusNanos(1));
            awaitTwoDeadlineChecks(); // the second check means the first did not close it

            broker.clock().advance(Duration.ofNanos(1));
            assertThat(client.closedByBroker(WAIT)).as("closed without CONNACK at the connect timeout").isTrue();
        }
    }

    /** Waits until the broker's clock has checked the deadlines at the time as it is now. */
    private void awaitDeadlineCheck() {
        ManualTicker clock = broker.clock();
        long before = clock.reads();
        // a read counted from here on sees the current time, and nothing but the clock reads it while the client
        // is silent
        await().atMost(WAIT).pollDelay(Duration.ZERO).pollInterval(POLL)
                .alias("a deadline check at the current time").until(() -> clock.reads() > before);
    }

    /**
     * Waits for two deadline checks at the time as it is now: the second one runs after the first has closed what it
     * was going to close, and only while the clock still watches the connection (with nothing to watch it stops).
     */
    private void awaitTwoDeadlineChecks() {
        ManualTicker clock = broker.clock();
        long before = clock.reads();
        await().atMost(WAIT).pollDelay(Duration.ZERO).pollInterval(POLL)
                .alias("two deadline checks at the current time, the connection still watched")
                .until(() -> clock.reads() >= before + 2);
    }
}
