package io.opifex.server;

import io.opifex.codec.packet.Publish;
import io.opifex.codec.packet.Pubrel;
import io.opifex.connection.CloseReason;
import io.opifex.connection.Connection;
import io.opifex.server.message.Message;
import io.opifex.server.metrics.BrokerMetrics;
import io.opifex.server.session.Delivery;
import io.opifex.server.session.SessionOutput;

/**
 * One connection's outbound side: turns a session's deliveries into the packets of the protocol version the
 * connection negotiated (the connection's codec knows which), and counts what it sends.
 */
final class OutboundWriter implements SessionOutput {

    private final Connection connection;
    private final BrokerMetrics metrics;
    private final DeliveryLatency latency;

    OutboundWriter(Connection connection, BrokerMetrics metrics, DeliveryLatency latency) {
        this.connection = connection;
        this.metrics = metrics;
        this.latency = latency;
    }

    @Override
    public boolean isWritable() {
        return connection.isWritable();
    }

    @Override
    public void publish(Delivery delivery, int packetId) {
        connection.send(packet(delivery, packetId, false));
        // retained messages sent on subscribe did not just arrive: their age is not a delivery latency
        metrics.messageSent(delivery.qos(), delivery.retainFlag() ? -1 : latency.ofFirstCopyHere(delivery.message()));
    }

    @Override
    public void resend(Delivery delivery, int packetId) {
        connection.send(packet(delivery, packetId, true));
    }

    @Override
    public void release(int packetId) {
        connection.send(new Pubrel(packetId));
    }

    @Override
    public void close(CloseReason reason) {
        connection.close(reason);
    }

    @Override
    public String remoteAddress() {
        return connection.remoteAddress();
    }

    private static Publish packet(Delivery delivery, int packetId, boolean dup) {
        Message message = delivery.message();
        return new Publish(message.topic(), delivery.qos(), delivery.retainFlag(), dup, packetId, message.payload());
    }
}
