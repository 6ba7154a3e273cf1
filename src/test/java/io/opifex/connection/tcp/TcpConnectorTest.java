package io.opifex.connection.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opifex.connection.Transport;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The TCP connector against plain blocking sockets on loopback. */
class TcpConnectorTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private Vertx vertx;
    private Context loop;
    private TcpConnector connector;
    private ServerSocket server;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        loop = vertx.getOrCreateContext();
        connector = new TcpConnector(vertx);
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        server.setSoTimeout((int) TIMEOUT.toMillis());
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        result(vertx.close());
    }

    /** The contract: connects happen on the client's event loop. */
    private <T> Future<T> onLoop(Supplier<Future<T>> action) {
        Promise<T> promise = Promise.promise();
        loop.runOnContext(v -> action.get().onComplete(promise));
        return promise.future();
    }

    private Future<Transport> connect(int port) {
        return onLoop(() -> connector.connect("127.0.0.1", port, Duration.ofSeconds(5), 1024));
    }

    private static <T> T result(Future<T> future) throws Exception {
        try {
            return future.toCompletionStage().toCompletableFuture().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    @Test
    void opensAStreamThatCarriesBytesBothWays() throws Exception {
        Transport transport = result(connect(server.getLocalPort()));
        try (Socket peer = server.accept()) {
            Promise<Buffer> received = Promise.promise();
            loop.runOnContext(v -> {
                transport.handler(received::tryComplete);
                transport.write(Buffer.buffer("ping"));
            });
            assertThat(new String(peer.getInputStream().readNBytes(4), StandardCharsets.UTF_8)).isEqualTo("ping");
            peer.getOutputStream().write("pong".getBytes(StandardCharsets.UTF_8));
            assertThat(result(received.future()).toString()).isEqualTo("pong");
            assertThat(transport.listenerName()).isEqualTo(TcpConnector.TRANSPORT_NAME);
            assertThat(transport.remoteAddress()).endsWith(":" + server.getLocalPort());
        }
    }

    @Test
    void anUnreachablePortFailsWithTheTransportsOwnError() throws Exception {
        int closedPort = server.getLocalPort();
        server.close();
        assertThatThrownBy(() -> result(connect(closedPort))).isInstanceOf(ConnectException.class)
                .hasMessageContaining("Connection refused");
    }

    @Test
    void aConnectThatIsNotAcceptedFailsWhenTheTimeoutEnds() throws Exception {
        try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Backlog backlog = Backlog.fill(full)) {
            long start = System.nanoTime();
            Future<Transport> connected = onLoop(() -> connector.connect("127.0.0.1", full.getLocalPort(),
                    Duration.ofMillis(300), 1024));
            assertThatThrownBy(() -> result(connected)).isInstanceOf(ConnectException.class)
                    .hasMessageContaining("timed out");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        }
    }

    @Test
    void closeClosesTheOpenStreamsAndALaterConnectOpensAfresh() throws Exception {
        result(connect(server.getLocalPort()));
        try (Socket first = server.accept()) {
            result(onLoop(connector::close));
            InputStream in = first.getInputStream();
            first.setSoTimeout((int) TIMEOUT.toMillis());
            assertThat(in.read()).isEqualTo(-1);
        }
        Transport again = result(connect(server.getLocalPort()));
        try (Socket second = server.accept()) {
            loop.runOnContext(v -> again.write(Buffer.buffer("x")));
            assertThat(second.getInputStream().read()).isEqualTo('x');
        }
    }

    /** Connections nobody accepts, until the listener's backlog is full and the kernel drops further SYNs. */
    private record Backlog(List<Socket> sockets) implements AutoCloseable {

        static Backlog fill(ServerSocket listener) {
            List<Socket> sockets = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                Socket socket = new Socket();
                sockets.add(socket);
                try {
                    socket.connect(listener.getLocalSocketAddress(), 200);
                } catch (IOException full) {
                    return new Backlog(sockets);
                }
            }
            throw new AssertionError("the backlog never filled up");
        }

        @Override
        public void close() throws IOException {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
    }
}
