package io.opifex.server.session;

import io.opifex.codec.packet.QoS;
import io.opifex.server.DropReason;
import io.opifex.server.Message;

/** What a session reports to the broker's statistics and metrics. */
public interface SessionEvents {

    /** @param retained sent because of a subscription to a retained topic, not as it was published */
    void sent(Message message, QoS qos, boolean retained);

    void dropped(DropReason reason);

    /** @param bytes the payload bytes those messages add (or, negative, remove) */
    void queuedChanged(int delta, long bytes);

    void inflightChanged(int delta);

    /** How long a write to the session store took, for the store-latency histogram. */
    void storeWrite(long nanos);
}
