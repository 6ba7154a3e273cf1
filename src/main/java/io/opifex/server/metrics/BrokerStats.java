package io.opifex.server.metrics;

import io.opifex.codec.packet.ConnectReturnCode;
import io.opifex.codec.packet.QoS;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The broker's live totals across all event loops, kept from the events every part of the broker reports. The
 * counted events are passed on to the exported meters; the state (clients connected, subscriptions, queued and
 * in-flight messages) is exported by gauges that read it here. Adders, because many loops update them and few
 * read them.
 */
public final class BrokerStats implements BrokerMetrics {

    private final BrokerMetrics meters;
    private final AtomicLong clientsConnected = new AtomicLong();
    private final LongAdder subscriptions = new LongAdder();
    private final LongAdder queuedMessages = new LongAdder();
    private final LongAdder queuedBytes = new LongAdder();
    private final LongAdder inflightMessages = new LongAdder();
    private final LongAdder messagesReceived = new LongAdder();
    private final LongAdder messagesSent = new LongAdder();
    private final LongAdder messagesDropped = new LongAdder();
    private final long startedAtMillis = System.currentTimeMillis();

    /** @param meters where every event goes on to: the service's Micrometer meters, or {@link BrokerMetrics#NONE} */
    public BrokerStats(BrokerMetrics meters) {
        this.meters = meters;
    }

    @Override
    public void connectAccepted() {
        clientsConnected.incrementAndGet();
        meters.connectAccepted();
    }

    @Override
    public void connectRefused(ConnectReturnCode returnCode) {
        meters.connectRefused(returnCode);
    }

    @Override
    public void clientDisconnected() {
        clientsConnected.decrementAndGet();
    }

    @Override
    public void messageReceived(QoS qos) {
        messagesReceived.increment();
        meters.messageReceived(qos);
    }

    @Override
    public void messageSent(QoS qos, long latencyNanos) {
        messagesSent.increment();
        meters.messageSent(qos, latencyNanos);
    }

    @Override
    public void messageDropped(DropReason reason) {
        messagesDropped.increment();
        meters.messageDropped(reason);
    }

    @Override
    public void queuedChanged(int messages, long bytes) {
        queuedMessages.add(messages);
        queuedBytes.add(bytes);
    }

    @Override
    public void inflightChanged(int messages) {
        inflightMessages.add(messages);
    }

    @Override
    public void subscriptionsChanged(int delta) {
        subscriptions.add(delta);
    }

    @Override
    public void storeWrite(long nanos) {
        meters.storeWrite(nanos);
    }

    @Override
    public void publisherPaused() {
        meters.publisherPaused();
    }

    @Override
    public void subscriptionRefused(SubscriptionRefusal reason) {
        meters.subscriptionRefused(reason);
    }

    @Override
    public void protocolViolation() {
        meters.protocolViolation();
    }

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
