package io.opifex.connection;

import static org.assertj.core.api.Assertions.assertThat;

import io.opifex.codec.DecodeError;
import io.opifex.codec.packet.Connack;
import io.opifex.codec.packet.Connect;
import io.opifex.codec.packet.MqttPacket;
import io.opifex.codec.packet.ProtocolVersion;
import io.opifex.codec.packet.ReasonCode;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What the connection does with the protocol version and with malformed input: it keeps the version the CONNECT
 * decided and encodes in its form; it hands a decode error to the handler, which may answer, then closes.
 */
class MqttConnectionTest {

    /** CONNECT "MQIsdp" level 3, clean session, keep alive 10, client id "client1". */
    private static final String CONNECT_3_1 = "10 15 00 06 4d 51 49 73 64 70 03 02 00 0a 00 07 63 6c 69 65 6e 74 31";
    /** CONNECT "MQTT" level 5: a known name with a level we do not speak. */
    private static final String CONNECT_LEVEL_5 = "10 0d 00 04 4d 51 54 54 05 02 00 3c 00 01 78";

    private Vertx vertx;
    private Context context;

    @BeforeEach
    void startVertx() {
        vertx = Vertx.vertx();
        context = vertx.getOrCreateContext();
    }

    @AfterEach
    void stopVertx() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Test
    @DisplayName("a decode error reaches the handler, then the connection closes with PROTOCOL_ERROR, counted once")
    void decodeErrorGoesToTheHandlerThenCloses() throws Exception {
        Recorder recorder = onLoop(() -> {
            Recorder r = new Recorder(error -> { });
            r.transport.receive("c0 01 00"); // PINGREQ with a body
            return r;
        });

        assertThat(recorder.events).containsExactly("decode error LENGTH_MISMATCH", "closed PROTOCOL_ERROR");
        assertThat(recorder.protocolErrors).containsExactly(DecodeError.Reason.LENGTH_MISMATCH);
        assertThat(recorder.transport.written()).isEmpty();
        assertThat(recorder.connection.protocolError().reason()).isEqualTo(DecodeError.Reason.LENGTH_MISMATCH);
    }

    @Test
    @DisplayName("[MQTT-3.1.2-2] a handler may answer an unsupported level with CONNACK 0x01 and close with its reason")
    void handlerAnswersAndClosesWithItsOwnReason_MQTT_3_1_2_2() throws Exception {
        Recorder recorder = onLoop(() -> {
            Recorder[] self = new Recorder[1];
            self[0] = new Recorder(error -> {
                self[0].connection.send(new Connack(false, ReasonCode.UNSUPPORTED_PROTOCOL_VERSION));
                self[0].connection.close(CloseReason.CONNECT_REFUSED);
            });
            self[0].transport.receive(CONNECT_LEVEL_5);
            return self[0];
        });

        assertThat(recorder.events)
                .containsExactly("decode error UNSUPPORTED_PROTOCOL_LEVEL", "closed CONNECT_REFUSED");
        assertThat(recorder.transport.written()).isEqualTo("20 02 00 01"); // no version decided: the 3.1.1 form
        assertThat(recorder.connection.protocolVersion()).isNull();
    }

    @Test
    @DisplayName("a server's connection keeps the version of the CONNECT it received")
    void learnsTheVersionFromTheReceivedConnect() throws Exception {
        Recorder recorder = onLoop(() -> {
            Recorder r = new Recorder(error -> { });
            r.transport.receive(CONNECT_3_1);
            r.connection.send(new Connack(false, ReasonCode.SERVER_BUSY));
            r.connection.close(CloseReason.CONNECT_REFUSED);
            return r;
        });

        assertThat(recorder.connection.protocolVersion()).isEqualTo(ProtocolVersion.MQTT_3_1);
        assertThat(recorder.events).containsExactly("packet CONNECT", "closed CONNECT_REFUSED");
        assertThat(recorder.transport.written()).isEqualTo("20 02 00 03"); // Server busy in 3.1: 0x03
    }

    @Test
    @DisplayName("a client's connection keeps the version of the CONNECT it sent, and reads the CONNACK in its form")
    void learnsTheVersionFromTheSentConnect() throws Exception {
        Recorder recorder = onLoop(() -> {
            Recorder r = new Recorder(error -> { });
            r.connection.send(new Connect(ProtocolVersion.MQTT_3_1, "client1", true, 10, null, null, null));
            r.transport.receive("20 02 00 00");
            return r;
        });

        assertThat(recorder.connection.protocolVersion()).isEqualTo(ProtocolVersion.MQTT_3_1);
        assertThat(recorder.events).containsExactly("packet CONNACK");
        assertThat(recorder.packets).containsExactly(new Connack(false, ReasonCode.SUCCESS));
    }

    private <T> T onLoop(Callable<T> action) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        context.runOnContext(v -> {
            try {
                result.complete(action.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        T value = result.get(30, TimeUnit.SECONDS);
        CompletableFuture<Void> settled = new CompletableFuture<>();
        context.runOnContext(v -> settled.complete(null)); // what the action scheduled on the loop has run
        settled.get(30, TimeUnit.SECONDS);
        return value;
    }

    /** A connection over a recording transport, with a handler that records what it is told. */
    private final class Recorder implements ConnectionHandler, ConnectionMetrics {
        final FakeTransport transport = new FakeTransport();
        final MqttConnection connection;
        final List<String> events = new ArrayList<>();
        final List<MqttPacket> packets = new ArrayList<>();
        final List<DecodeError.Reason> protocolErrors = new ArrayList<>();
        private final Consumer<DecodeError> onDecodeError;

        Recorder(Consumer<DecodeError> onDecodeError) {
            this.onDecodeError = onDecodeError;
            connection = new MqttConnection(vertx, transport,
                    new ConnectionSettings(1024, Duration.ofSeconds(30), 64 * 1024), this);
            connection.start(this);
        }

        @Override
        public void onPacket(MqttPacket packet) {
            events.add("packet " + packet.type());
            packets.add(packet);
        }

        @Override
        public void onDecodeError(DecodeError error) {
            events.add("decode error " + error.reason());
            onDecodeError.accept(error);
        }

        @Override
        public void onClosed(CloseReason reason) {
            events.add("closed " + reason);
        }

        @Override
        public void protocolError(DecodeError.Reason reason) {
            protocolErrors.add(reason);
        }
    }
}
