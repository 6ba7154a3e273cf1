package io.opifex.connection;

import io.opifex.codec.DecodeError;
import io.opifex.codec.MqttDecoder;
import io.opifex.codec.MqttEncoder;
import io.opifex.codec.PacketSink;
import io.opifex.codec.packet.Connect;
import io.opifex.codec.packet.MqttPacket;
import io.opifex.codec.packet.ProtocolVersion;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Turns a {@link Transport} into packets and back: framing and limits through the decoder, connect timeout,
 * keep-alive, batched writes and back-pressure. Owned by one event loop; not thread-safe by design.
 *
 * <p>The protocol version is kept here, in the decoder, for the whole connection: it is decided by the CONNECT that
 * arrives (a server) or that is sent (a client), and every packet is encoded and decoded in its form, so the layers
 * above never pass it around.
 *
 * <p>An idle connection holds as little as it can: no output buffer until there is output, and no timers of its
 * own (its loop's {@link ConnectionClock} watches the deadlines of all of them).
 */
public final class MqttConnection implements Connection, PacketSink {

    private static final Logger LOG = Logger.getLogger(MqttConnection.class);
    private static final double KEEP_ALIVE_GRACE = 1.5; // [MQTT-3.1.2-24]
    /** Enough for a CONNACK, a SUBACK or a few acknowledgements; grows for more. */
    private static final int OUTPUT_BUFFER_SIZE = 64;

    private final Context context;
    private final ConnectionClock clock;
    private final Transport transport;
    private final ConnectionSettings settings;
    private final ConnectionMetrics metrics;
    private final MqttDecoder decoder;

    private ConnectionHandler handler;
    /** Packets encoded and not yet written; null while there are none. */
    private Buffer pending;
    private boolean readingBurst;
    private boolean flushScheduled;
    private boolean open = true;
    private boolean receivedFirstPacket;
    private boolean readPausedForDrain;
    private boolean readPausedByProtocol;
    /** This connection's place in its clock, or -1; maintained by the clock. */
    int clockSlot = -1;
    private long connectDeadlineNanos;
    /** 1.5 times the keep-alive, or 0 for none. */
    private long keepAliveNanos;
    private long lastReadNanos;
    private DecodeError protocolError;

    /** A connection with a clock of its own: for a client, which has one connection per context. */
    public MqttConnection(Vertx vertx, Transport transport, ConnectionSettings settings, ConnectionMetrics metrics) {
        this(vertx.getOrCreateContext(), transport, settings, metrics, null);
    }

    /** @param clock the clock of the current context's connections, created on that context */
    public MqttConnection(Vertx vertx, Transport transport, ConnectionSettings settings, ConnectionMetrics metrics,
                          ConnectionClock clock) {
        this(vertx.getOrCreateContext(), transport, settings, metrics, clock);
    }

    private MqttConnection(Context context, Transport transport, ConnectionSettings settings,
                           ConnectionMetrics metrics, ConnectionClock clock) {
        this.context = context;
        this.clock = clock != null ? clock : new ConnectionClock(context);
        this.transport = transport;
        this.settings = settings;
        this.metrics = metrics;
        this.decoder = new MqttDecoder(settings.maxPacketSize());
    }

    @Override
    public void start(ConnectionHandler handler) {
        this.handler = handler;
        lastReadNanos = clock.now();
        connectDeadlineNanos = lastReadNanos + settings.connectTimeout().toNanos();
        metrics.connectionOpened(transport.listenerName());
        clock.watch(this);
        transport.exceptionHandler(error ->
                LOG.debugf("connection %s failed: %s", transport.remoteAddress(), error.toString()));
        transport.closeHandler(v -> closed(CloseReason.CONNECTION_LOST));
        transport.handler(this::read);
    }

    private void read(Buffer chunk) {
        if (!open) {
            return;
        }
        lastReadNanos = clock.now();
        metrics.bytesReceived(chunk.length());
        readingBurst = true;
        try {
            decoder.feed(chunk, this);
        } finally {
            readingBurst = false;
        }
        flush();
    }

    @Override
    public void packet(MqttPacket packet) {
        if (!open) {
            return;
        }
        metrics.packetReceived(packet.type());
        receivedFirstPacket = true; // the CONNECT timeout is over; the keep-alive, once set, takes its place
        handler.onPacket(packet);
    }

    /** The codec decides nothing about the connection: the handler may answer (it knows the state), then we close. */
    @Override
    public void error(DecodeError error) {
        protocolError = error;
        metrics.protocolError(error.reason());
        LOG.debugf("closing %s: %s%s", transport.remoteAddress(), error.detail(),
                error.specId() == null ? "" : " [" + error.specId() + "]");
        if (open) {
            handler.onDecodeError(error);
        }
        close(CloseReason.PROTOCOL_ERROR); // nothing if the handler closed it with its own reason
    }

    @Override
    public void send(MqttPacket packet) {
        if (!open) {
            return;
        }
        if (pending == null) {
            pending = Buffer.buffer(OUTPUT_BUFFER_SIZE);
        }
        if (packet instanceof Connect connect) {
            decoder.protocolVersion(connect.protocolVersion()); // a client decides the version by sending CONNECT
        }
        int before = pending.length();
        MqttEncoder.encode(packet, decoder.protocolVersion(), pending);
        metrics.packetSent(packet.type());
        metrics.bytesSent(pending.length() - before);
        if (!readingBurst && !flushScheduled) {
            // packets sent from outside a read burst (deliveries, timers) still leave in one write per loop turn
            flushScheduled = true;
            context.runOnContext(v -> {
                flushScheduled = false;
                flush();
            });
        }
    }

    private void flush() {
        if (!open || pending == null) {
            return;
        }
        Buffer out = pending;
        pending = null;
        transport.write(out);
        if (transport.writeQueueFull() && !readPausedForDrain) {
            // back-pressure: a client that does not read its messages does not get to send more
            readPausedForDrain = true;
            transport.pause();
            transport.drainHandler(v -> {
                readPausedForDrain = false;
                resumeIfNothingHolds();
            });
        }
    }

    @Override
    public void pauseReading() {
        if (open && !readPausedByProtocol) {
            readPausedByProtocol = true;
            transport.pause();
        }
    }

    @Override
    public void resumeReading() {
        if (readPausedByProtocol) {
            readPausedByProtocol = false;
            lastReadNanos = clock.now(); // the pause was ours: it must not count against the keep-alive
            resumeIfNothingHolds();
        }
    }

    private void resumeIfNothingHolds() {
        if (open && !readPausedForDrain && !readPausedByProtocol) {
            transport.resume();
        }
    }

    @Override
    public void close(CloseReason reason) {
        if (!open) {
            return;
        }
        if (pending != null) {
            Buffer last = pending;
            pending = null;
            transport.end(last);
        } else {
            transport.close();
        }
        closed(reason);
    }

    private void closed(CloseReason reason) {
        if (!open) {
            return;
        }
        open = false;
        clock.unwatch(this);
        metrics.connectionClosed(transport.listenerName(), reason);
        if (handler != null) {
            handler.onClosed(reason);
        }
    }

    @Override
    public void keepAlive(int seconds) {
        if (!open) {
            return;
        }
        keepAliveNanos = seconds <= 0 ? 0 : (long) (TimeUnit.SECONDS.toNanos(seconds) * KEEP_ALIVE_GRACE);
        if (keepAliveNanos > 0) {
            clock.watch(this);
        }
    }

    /** Asked by the clock on every tick; decides only, closes nothing. */
    ConnectionClock.Deadline deadlineCheck(long now) {
        if (!open) {
            return ConnectionClock.Deadline.NONE;
        }
        if (!receivedFirstPacket) {
            return now - connectDeadlineNanos >= 0 ? ConnectionClock.Deadline.EXPIRED : ConnectionClock.Deadline.PENDING;
        }
        if (keepAliveNanos == 0) {
            return ConnectionClock.Deadline.NONE;
        }
        if (readPausedByProtocol) {
            return ConnectionClock.Deadline.PENDING; // the pause is ours: it must not count against the keep-alive
        }
        return now - lastReadNanos >= keepAliveNanos ? ConnectionClock.Deadline.EXPIRED
                : ConnectionClock.Deadline.PENDING;
    }

    /** The clock found a deadline passed. */
    void deadlineExpired(long now) {
        if (!open) {
            return;
        }
        if (!receivedFirstPacket) {
            LOG.debugf("closing %s: no CONNECT within %s", transport.remoteAddress(), settings.connectTimeout());
            close(CloseReason.CONNECT_TIMEOUT);
        } else {
            // [MQTT-3.1.2-24]
            LOG.debugf("closing %s: nothing received for %d ms, keep-alive expired", transport.remoteAddress(),
                    TimeUnit.NANOSECONDS.toMillis(now - lastReadNanos));
            close(CloseReason.KEEP_ALIVE_TIMEOUT);
        }
    }

    @Override
    public boolean isWritable() {
        return open && !transport.writeQueueFull();
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public String remoteAddress() {
        return transport.remoteAddress();
    }

    @Override
    public String listenerName() {
        return transport.listenerName();
    }

    @Override
    public ProtocolVersion protocolVersion() {
        return decoder.protocolVersion();
    }

    /**
     * The malformed input that closed this connection with {@link CloseReason#PROTOCOL_ERROR}, or null: lets a
     * handler (the client) tell its user what exactly the peer sent wrong.
     */
    public DecodeError protocolError() {
        return protocolError;
    }

}
