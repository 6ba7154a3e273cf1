package io.opifex.testing;

import io.opifex.codec.DecodeError;
import io.opifex.codec.MqttDecoder;
import io.opifex.codec.PacketSink;
import io.opifex.codec.packet.MqttPacket;
import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A byte-level MQTT peer for tests: writes exactly the bytes it is given and reads exactly what comes back, so tests
 * can send what no real client would.
 */
public final class RawClient implements AutoCloseable {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    public RawClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setTcpNoDelay(true);
        socket.setSoTimeout((int) DEFAULT_TIMEOUT.toMillis());
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    public RawClient send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    public RawClient sendHex(String hex) throws IOException {
        return send(hex(hex));
    }

    /** Reads one whole MQTT packet (fixed header, remaining length, body). */
    public byte[] readPacket() throws IOException {
        ByteArrayOutputStream packet = new ByteArrayOutputStream();
        int first = readByte();
        packet.write(first);
        int remaining = 0;
        int multiplier = 1;
        int b;
        do {
            b = readByte();
            packet.write(b);
            remaining += (b & 0x7F) * multiplier;
            multiplier *= 128;
        } while ((b & 0x80) != 0);
        packet.write(in.readNBytes(remaining));
        return packet.toByteArray();
    }

    /** Reads one packet and decodes it with the codec (tested byte-exactly on its own). */
    public MqttPacket read() throws IOException {
        byte[] bytes = readPacket();
        List<MqttPacket> packets = new ArrayList<>();
        new MqttDecoder(Integer.MAX_VALUE >> 3).feed(Buffer.buffer(bytes), new PacketSink() {
            @Override
            public void packet(MqttPacket packet) {
                packets.add(packet);
            }

            @Override
            public void error(DecodeError error) {
                throw new AssertionError("broker sent a malformed packet: " + error);
            }
        });
        if (packets.size() != 1) {
            throw new AssertionError("expected one packet in " + HexFormat.of().formatHex(bytes));
        }
        return packets.get(0);
    }

    /** Reads packets until one of {@code type} arrives, failing on anything else. */
    public <T extends MqttPacket> T read(Class<T> type) throws IOException {
        MqttPacket packet = read();
        if (!type.isInstance(packet)) {
            throw new AssertionError("expected " + type.getSimpleName() + " but got " + packet);
        }
        return type.cast(packet);
    }

    public String readPacketHex() throws IOException {
        return HexFormat.of().formatHex(readPacket());
    }

    private int readByte() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new IOException("connection closed by the broker");
        }
        return b;
    }

    /** True when the broker closes the connection within the timeout, with no further bytes. */
    public boolean closedByBroker(Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset by peer counts as closed
        }
    }

    public boolean closedByBroker() throws IOException {
        return closedByBroker(DEFAULT_TIMEOUT);
    }

    public static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", "").replace("_", ""));
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
