package io.opifex.server.session;

import io.opifex.server.metrics.BrokerMetrics;
import io.opifex.server.metrics.DropReason;
import java.util.EnumMap;
import java.util.Map;

/** The session-level events a session reports, counted, for assertions without Micrometer. */
final class CountingMetrics implements BrokerMetrics {

    final Map<DropReason, Integer> dropped = new EnumMap<>(DropReason.class);
    int queued;
    long queuedBytes;
    int inflight;

    @Override
    public void messageDropped(DropReason reason) {
        dropped.merge(reason, 1, Integer::sum);
    }

    @Override
    public void queuedChanged(int messages, long bytes) {
        queued += messages;
        queuedBytes += bytes;
    }

    @Override
    public void inflightChanged(int messages) {
        inflight += messages;
    }
}
