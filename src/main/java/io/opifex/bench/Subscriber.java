package io.opifex.bench;

import io.opifex.codec.packet.MqttPacket;
import io.opifex.codec.packet.PacketType;
import io.opifex.codec.packet.Puback;
import io.opifex.codec.packet.Pubcomp;
import io.opifex.codec.packet.Publish;
import io.opifex.codec.packet.Pubrec;
import io.opifex.codec.packet.Pubrel;
import io.vertx.core.Context;

/**
 * Receives benchmark messages, acknowledges them as their QoS requires, and classifies each against its
 * publisher's sequence ({@link SequenceTracker}); the latency of first copies goes into the loop's histogram.
 */
final class Subscriber extends BenchClient {

    private final SequenceTracker[] trackers;

    Subscriber(Context context, LoopStats stats, String clientId, int publishers) {
        super(context, stats, clientId);
        this.trackers = new SequenceTracker[publishers];
    }

    /** The tracker for one publisher, null if nothing arrived from it. Read after the run, on the context. */
    SequenceTracker tracker(int publisher) {
        return trackers[publisher];
    }

    @Override
    void onPublish(Publish publish) {
        long now = System.nanoTime();
        switch (publish.qos()) {
            case AT_LEAST_ONCE -> reply(new Puback(publish.packetId()));
            case EXACTLY_ONCE -> reply(new Pubrec(publish.packetId()));
            default -> {
                // QoS 0: no acknowledgement
            }
        }
        byte[] payload = publish.payload();
        int publisher = payload.length >= Payloads.MIN_SIZE ? Payloads.publisher(payload) : -1;
        if (publisher < 0 || publisher >= trackers.length) {
            stats.errors++; // not a message of this run
            return;
        }
        SequenceTracker tracker = trackers[publisher];
        if (tracker == null) {
            tracker = new SequenceTracker();
            trackers[publisher] = tracker;
        }
        stats.recordDelivery(Payloads.sentNanos(payload), now, tracker.record(Payloads.sequence(payload)));
    }

    @Override
    void onAck(MqttPacket ack) {
        if (ack.type() == PacketType.PUBREL) {
            reply(new Pubcomp(((Pubrel) ack).packetId()));
        } else {
            stats.errors++;
        }
    }
}
