package io.opifex.server;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Live totals across all event loops, read by gauges and $SYS. Adders, because many loops update them and few
 * read them.
 */
public final class BrokerStats {

    final AtomicLong clientsConnected = new AtomicLong();
    final LongAdder subscriptions = new LongAdder();
    final LongAdder queuedMessages = new LongAdder();
    final LongAdder queuedBytes = new LongAdder();
    final LongAdder inflightMessages = new LongAdder();
    final LongAdder messagesReceived = new LongAdder();
    final LongAdder messagesSent = new LongAdder();
    final LongAdder messagesDropped = new LongAdder();
    final long startedAtMillis = System.currentTimeMillis();

    public long clientsConnected() {
        return clientsConnected.get();
    }


    public long subscriptions() {
        return subscriptions.sum();
    }

    public long queuedMessages() {
        return queuedMessages.sum();
    }

    public long queuedBytes() {
        return queuedBytes.sum();
    }

    public long inflightMessages() {
        return inflightMessages.sum();
    }

    public long messagesReceived() {
        return messagesReceived.sum();
    }

    public long messagesSent() {
        return messagesSent.sum();
    }

    public long messagesDropped() {
        return messagesDropped.sum();
    }

    public long uptimeSeconds() {
        return (System.currentTimeMillis() - startedAtMillis) / 1000;
    }
}
