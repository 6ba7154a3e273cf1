package io.opifex.bench;

import io.opifex.codec.MqttEncoder;
import io.opifex.codec.packet.MqttPacket;
import io.opifex.codec.packet.PacketType;
import io.opifex.codec.packet.Puback;
import io.opifex.codec.packet.Pubcomp;
import io.opifex.codec.packet.Publish;
import io.opifex.codec.packet.Pubrec;
import io.opifex.codec.packet.Pubrel;
import io.opifex.codec.packet.QoS;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;

/**
 * Publishes numbered, timestamped messages to one topic, either at a fixed rate or as fast as the socket (QoS 0)
 * or the in-flight window (QoS 1 and 2) allows. The PUBLISH is encoded once by the codec into a frame template;
 * each message only patches the packet id and the payload header in that array and appends it to the batch buffer
 * of the current event-loop turn, so one write carries many messages.
 */
final class Publisher extends BenchClient {

    /** Messages per event-loop turn before yielding to reads and other connections. */
    private static final int BATCH = 64;
    /** A rate-limited publisher that fell behind catches up at most this much per tick. */
    private static final int MAX_BURST = 1_000;
    private static final int MAX_PACKET_ID = 0xFFFF;

    final int index;
    private final QoS qos;
    private final double ratePerNano;
    private final int window;
    private final byte[] frame;
    private final int payloadOffset;
    private final int packetIdOffset;
    private final boolean[] inUse = new boolean[MAX_PACKET_ID + 1];
    private int nextPacketId = 1;
    private int inflight;
    private long sequence;
    private long startNanos;
    private boolean running;
    private boolean drainPending;
    private long timerId = -1;

    /**
     * @param ratePerSecond messages per second, 0 for as fast as possible
     * @param window        unacknowledged QoS 1/2 messages allowed at once
     */
    Publisher(Context context, LoopStats stats, String clientId, int index, String topic, QoS qos, int payloadSize,
            double ratePerSecond, int window) {
        super(context, stats, clientId);
        this.index = index;
        this.qos = qos;
        this.ratePerNano = ratePerSecond / 1e9;
        this.window = Math.min(window, MAX_PACKET_ID);
        Publish template = new Publish(topic, qos, false, false, qos == QoS.AT_MOST_ONCE ? 0 : 1,
                new byte[payloadSize]);
        this.frame = MqttEncoder.encode(template, VERSION).getBytes();
        this.payloadOffset = frame.length - payloadSize;
        this.packetIdOffset = qos == QoS.AT_MOST_ONCE ? -1 : payloadOffset - 2;
    }

    /** On the context. */
    void start() {
        running = true;
        startNanos = System.nanoTime();
        if (ratePerNano > 0) {
            long periodMillis = Math.max(1, (long) (1e-6 / ratePerNano)); // one message per tick, or 1 ms ticks
            timerId = context.owner().setPeriodic(periodMillis, id -> pump());
        }
        pump();
    }

    /** On the context. */
    void stop() {
        running = false;
        if (timerId >= 0) {
            context.owner().cancelTimer(timerId);
            timerId = -1;
        }
    }

    /** Messages sent so far, i.e. sequence numbers 0 to sent() - 1. */
    long sent() {
        return sequence;
    }

    int inflight() {
        return inflight;
    }

    private void pump() {
        if (!running || socket == null) {
            return;
        }
        int budget = BATCH;
        if (ratePerNano > 0) {
            long due = (long) ((System.nanoTime() - startNanos) * ratePerNano) + 1 - sequence;
            if (due <= 0) {
                return;
            }
            budget = (int) Math.min(due, MAX_BURST);
        }
        Buffer batch = null;
        int n = 0;
        while (n < budget && (packetIdOffset < 0 || inflight < window) && !socket.writeQueueFull()) {
            long now = System.nanoTime();
            if (packetIdOffset >= 0) {
                int id = allocatePacketId();
                frame[packetIdOffset] = (byte) (id >>> 8);
                frame[packetIdOffset + 1] = (byte) id;
            }
            Payloads.write(frame, payloadOffset, now, index, sequence++);
            if (batch == null) {
                batch = Buffer.buffer(frame.length * Math.min(budget, BATCH));
            }
            batch.appendBytes(frame);
            stats.recordSent(now);
            n++;
        }
        if (batch != null) {
            socket.write(batch);
        }
        if (socket.writeQueueFull()) {
            if (!drainPending) {
                drainPending = true;
                socket.drainHandler(v -> {
                    drainPending = false;
                    pump();
                });
            }
        } else if (n == budget && ratePerNano == 0) {
            context.runOnContext(v -> pump()); // more to send: yield first so reads get their turn
        }
        // otherwise the window is full (an acknowledgement pumps again) or the rate is met (the timer does)
    }

    private int allocatePacketId() {
        while (inUse[nextPacketId]) {
            nextPacketId = nextPacketId == MAX_PACKET_ID ? 1 : nextPacketId + 1;
        }
        int id = nextPacketId;
        inUse[id] = true;
        inflight++;
        nextPacketId = id == MAX_PACKET_ID ? 1 : id + 1;
        return id;
    }

    private void release(int packetId) {
        if (inUse[packetId]) {
            inUse[packetId] = false;
            inflight--;
        } else {
            stats.errors++; // an acknowledgement for nothing we sent
        }
    }

    @Override
    void onAck(MqttPacket ack) {
        PacketType type = ack.type();
        if (type == PacketType.PUBACK && qos == QoS.AT_LEAST_ONCE) {
            release(((Puback) ack).packetId());
        } else if (type == PacketType.PUBREC && qos == QoS.EXACTLY_ONCE) {
            reply(new Pubrel(((Pubrec) ack).packetId()));
        } else if (type == PacketType.PUBCOMP && qos == QoS.EXACTLY_ONCE) {
            release(((Pubcomp) ack).packetId());
        } else {
            stats.errors++;
        }
    }

    @Override
    void afterRead() {
        if (packetIdOffset >= 0) {
            pump(); // acknowledgements may have opened the window
        }
    }
}
