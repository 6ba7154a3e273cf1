package io.opifex.connection;

import io.opifex.codec.DecodeError;
import io.opifex.codec.MqttDecoder;
import io.opifex.codec.MqttEncoder;
import io.opifex.codec.PacketSink;
import io.opifex.codec.packet.Connack;
import io.opifex.codec.packet.ConnectReturnCode;
import io.opifex.codec.packet.MqttPacket;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Turns a {@link Transport} into packets and back: framing and limits through the decoder, connect timeout,
 * keep-alive, batched writes and back-pressure. Owned by one event loop; not thread-safe by design.
 */
public final class MqttConnection implements Connection, PacketSink {

    private static final Logger LOG = Logger.getLogger(MqttConnection.class);
    private static final long NO_TIMER = -1;
    private static final double KEEP_ALIVE_GRACE = 1.5; // [MQTT-3.1.2-24]

    private final Vertx vertx;
    private final Context context;
    private final Transport transport;
    private final ConnectionSettings settings;
    private final ConnectionMetrics metrics;
    private final MqttDecoder decoder;

    private ConnectionHandler handler;
    private Buffer pending = Buffer.buffer();
    private boolean readingBurst;
    private boolean flushScheduled;
    private boolean open = true;
    private boolean receivedFirstPacket;
    private boolean readPausedForDrain;
    private boolean readPausedByProtocol;
    private long connectTimer = NO_TIMER;
    private long keepAliveTimer = NO_TIMER;
    private long keepAliveNanos;
    private long lastReadNanos;
    private DecodeError protocolError;

    public MqttConnection(Vertx vertx, Transport transport, ConnectionSettings settings, ConnectionMetrics metrics) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.transport = transport;
        this.settings = settings;
        this.metrics = metrics;
        this.decoder = new MqttDecoder(settings.maxPacketSize());
    }

    /** Starts reading; {@code handler} receives every packet and, once, the close. */
    public void start(ConnectionHandler handler) {
        this.handler = handler;
        lastReadNanos = System.nanoTime();
        metrics.connectionOpened(transport.listenerName());
        connectTimer = vertx.setTimer(settings.connectTimeout().toMillis(), id -> {
            connectTimer = NO_TIMER;
            LOG.debugf("closing %s: no CONNECT within %s", transport.remoteAddress(), settings.connectTimeout());
            close(CloseReason.CONNECT_TIMEOUT);
        });
        transport.exceptionHandler(error ->
                LOG.debugf("connection %s failed: %s", transport.remoteAddress(), error.toString()));
        transport.closeHandler(v -> closed(CloseReason.CONNECTION_LOST));
        transport.handler(this::read);
    }

    private void read(Buffer chunk) {
        if (!open) {
            return;
        }
        lastReadNanos = System.nanoTime();
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
        if (!receivedFirstPacket) {
            receivedFirstPacket = true;
            cancelTimer(connectTimer);
            connectTimer = NO_TIMER;
        }
        handler.onPacket(packet);
    }

    @Override
    public void error(DecodeError error) {
        protocolError = error;
        metrics.protocolError(error.reason());
        LOG.debugf("closing %s: %s%s", transport.remoteAddress(), error.detail(),
                error.specId() == null ? "" : " [" + error.specId() + "]");
        if (error.reason() == DecodeError.Reason.UNSUPPORTED_PROTOCOL_LEVEL && !receivedFirstPacket) {
            // [MQTT-3.1.2-2] answer CONNACK 0x01, then disconnect
            send(new Connack(false, ConnectReturnCode.UNACCEPTABLE_PROTOCOL_VERSION));
            close(CloseReason.CONNECT_REFUSED);
        } else {
            close(CloseReason.PROTOCOL_ERROR);
        }
    }

    @Override
    public void send(MqttPacket packet) {
        if (!open) {
            return;
        }
        int before = pending.length();
        MqttEncoder.encode(packet, pending);
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
        if (!open || pending.length() == 0) {
            return;
        }
        Buffer out = pending;
        pending = Buffer.buffer();
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
            lastReadNanos = System.nanoTime(); // the pause was ours: it must not count against the keep-alive
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
        if (pending.length() > 0) {
            Buffer last = pending;
            pending = Buffer.buffer();
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
        cancelTimer(connectTimer);
        cancelTimer(keepAliveTimer);
        connectTimer = NO_TIMER;
        keepAliveTimer = NO_TIMER;
        metrics.connectionClosed(transport.listenerName(), reason);
        if (handler != null) {
            handler.onClosed(reason);
        }
    }

    @Override
    public void keepAlive(int seconds) {
        cancelTimer(keepAliveTimer);
        keepAliveTimer = NO_TIMER;
        if (seconds <= 0 || !open) {
            return;
        }
        keepAliveNanos = (long) (TimeUnit.SECONDS.toNanos(seconds) * KEEP_ALIVE_GRACE);
        scheduleKeepAliveCheck(keepAliveNanos);
    }

    // One timer per connection, re-armed only when it fires: no per-packet timer churn, no global scan.
    private void scheduleKeepAliveCheck(long delayNanos) {
        long delayMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(delayNanos));
        keepAliveTimer = vertx.setTimer(delayMillis, id -> {
            keepAliveTimer = NO_TIMER;
            if (!open) {
                return;
            }
            long idle = readPausedByProtocol ? 0 : System.nanoTime() - lastReadNanos;
            if (idle >= keepAliveNanos) {
                LOG.debugf("closing %s: nothing received for %d ms, keep-alive expired", transport.remoteAddress(),
                        TimeUnit.NANOSECONDS.toMillis(idle));
                close(CloseReason.KEEP_ALIVE_TIMEOUT);
            } else {
                scheduleKeepAliveCheck(keepAliveNanos - idle);
            }
        });
    }

    private void cancelTimer(long timer) {
        if (timer != NO_TIMER) {
            vertx.cancelTimer(timer);
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

    /**
     * The malformed input that closed this connection with {@link CloseReason#PROTOCOL_ERROR}, or null: lets a
     * handler (the client) tell its user what exactly the peer sent wrong.
     */
    public DecodeError protocolError() {
        return protocolError;
    }

}
