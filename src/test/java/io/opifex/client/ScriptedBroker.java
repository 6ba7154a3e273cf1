package io.opifex.client;

import io.opifex.codec.DecodeError;
import io.opifex.codec.MqttDecoder;
import io.opifex.codec.MqttEncoder;
import io.opifex.codec.PacketSink;
import io.opifex.codec.packet.MqttPacket;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A broker played by the test, one blocking step at a time: accept, read what the client sent, answer anything,
 * including what no real broker would send. Loopback, free port.
 */
final class ScriptedBroker implements AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final ServerSocket server;
    private final List<Peer> peers = new ArrayList<>();

    ScriptedBroker() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        server.setSoTimeout((int) TIMEOUT.toMillis());
    }

    int port() {
        return server.getLocalPort();
    }

    Peer accept() throws IOException {
        Socket socket = server.accept();
        socket.setSoTimeout((int) TIMEOUT.toMillis());
        socket.setTcpNoDelay(true);
        Peer peer = new Peer(socket);
        peers.add(peer);
        return peer;
    }

    @Override
    public void close() throws IOException {
        for (Peer peer : peers) {
            peer.close();
        }
        server.close();
    }

    static final class Peer implements AutoCloseable {

        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        private final MqttDecoder decoder = new MqttDecoder(MqttDecoder.PROTOCOL_MAX_PACKET_SIZE);
        private final ArrayDeque<MqttPacket> decoded = new ArrayDeque<>();

        Peer(Socket socket) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
            this.out = socket.getOutputStream();
        }

        /** The next packet from the client; fails the test after the timeout. */
        MqttPacket read() throws IOException {
            byte[] chunk = new byte[4096];
            while (decoded.isEmpty()) {
                int n = in.read(chunk);
                if (n < 0) {
                    throw new IOException("client closed the connection");
                }
                decoder.feed(Buffer.buffer().appendBytes(chunk, 0, n), new PacketSink() {
                    @Override
                    public void packet(MqttPacket packet) {
                        decoded.add(packet);
                    }

                    @Override
                    public void error(DecodeError error) {
                        throw new AssertionError("client sent a malformed packet: " + error);
                    }
                });
            }
            return decoded.poll();
        }

        @SuppressWarnings("unchecked")
        <T extends MqttPacket> T read(Class<T> type) throws IOException {
            MqttPacket packet = read();
            if (!type.isInstance(packet)) {
                throw new AssertionError("expected " + type.getSimpleName() + ", client sent " + packet);
            }
            return (T) packet;
        }

        /** True when nothing arrives within {@code quiet}; decoded packets count as something. */
        boolean silentFor(Duration quiet) throws IOException {
            if (!decoded.isEmpty()) {
                return false;
            }
            socket.setSoTimeout((int) quiet.toMillis());
            try {
                read();
                return false;
            } catch (SocketTimeoutException expected) {
                return true;
            } finally {
                socket.setSoTimeout((int) TIMEOUT.toMillis());
            }
        }

        /** Waits for the client to close its side. */
        boolean closedByClient() throws IOException {
            try {
                while (true) {
                    if (in.read() < 0) {
                        return true;
                    }
                }
            } catch (SocketTimeoutException e) {
                return false;
            } catch (IOException reset) {
                return true;
            }
        }

        Peer send(MqttPacket packet) throws IOException {
            return sendRaw(MqttEncoder.encode(packet, decoder.protocolVersion()).getBytes()); // as the CONNECT asked
        }

        Peer sendRaw(byte[] bytes) throws IOException {
            out.write(bytes);
            out.flush();
            return this;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
