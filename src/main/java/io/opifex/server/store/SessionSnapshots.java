package io.opifex.server.store;

import io.opifex.codec.packet.QoS;
import io.opifex.persistence.spi.InflightMessage;
import io.opifex.persistence.spi.QoSLevel;
import io.opifex.persistence.spi.SessionState;
import io.opifex.persistence.spi.StoredMessage;
import io.opifex.persistence.spi.StoredSubscription;
import io.opifex.server.message.Message;
import io.opifex.server.session.Delivery;
import io.opifex.server.session.Session;
import java.util.ArrayList;
import java.util.List;

/** Converts a live session to the store's domain records and back; the session itself knows nothing of the store. */
public final class SessionSnapshots {

    private final MessageIds messageIds;

    public SessionSnapshots(MessageIds messageIds) {
        this.messageIds = messageIds;
    }

    /**
     * Takes the session's messages for the store: what was in flight, queued and awaiting PUBREL, and forgets them
     * here. Subscriptions stay, so routing still finds the session, whose deliveries now go to the store.
     */
    public SessionState moveToStore(Session session) {
        List<InflightMessage> inflight = new ArrayList<>(session.inflight().size());
        session.inflight().forEach((packetId, delivery) -> {
            InflightMessage sent = InflightMessage.sent(packetId, stored(delivery));
            inflight.add(delivery.released() ? sent.released() : sent);
        });
        List<StoredMessage> queued = new ArrayList<>(session.queue().size());
        session.queue().forEach(delivery -> queued.add(stored(delivery)));
        SessionState state = new SessionState(session.clientId(), subscriptions(session), inflight, queued,
                session.inboundQos2().snapshot());
        session.clearMessages();
        session.stored();
        return state;
    }

    /**
     * Takes back what the store kept, ahead of anything that arrived while it was being read, so the order holds
     * [MQTT-4.6.0-1]. Subscriptions are already in the session; the store's are for restoring after a restart.
     */
    public void restore(Session session, SessionState state) {
        long now = System.nanoTime();
        for (InflightMessage message : state.inflight()) {
            Delivery delivery = delivery(message.message(), now)
                    .released(message.phase() == InflightMessage.Phase.AWAITING_PUBCOMP);
            session.restoreInflight(message.packetId(), delivery);
        }
        List<Delivery> queued = new ArrayList<>(state.queued().size());
        for (StoredMessage message : state.queued()) {
            queued.add(delivery(message, now));
        }
        session.restoreQueued(queued);
        session.inboundQos2().restore(state.awaitingPubrel());
    }

    /** A session read from the store at start-up: offline, persistent, its messages still in the store. */
    public static void restoredAtStartup(Session session, SessionState state) {
        for (StoredSubscription subscription : state.subscriptions()) {
            session.subscriptions().put(subscription.topicFilter(), qos(subscription.qos()));
        }
        session.stored();
    }

    /** A message for an offline session, at the QoS granted to it. */
    public StoredMessage queued(Message message, QoS qos) {
        return new StoredMessage(messageIds.next(), message.topic(), message.payload(), level(qos), false,
                System.currentTimeMillis());
    }

    /** The retained message of its topic. */
    public StoredMessage retained(Message message) {
        return new StoredMessage(messageIds.next(), message.topic(), message.payload(), level(message.qos()), true,
                System.currentTimeMillis());
    }

    /** A retained message read back from the store. */
    public static Message message(StoredMessage stored, long receivedNanos) {
        return new Message(stored.topic(), stored.payload(), qos(stored.qos()), stored.retain(), receivedNanos);
    }

    /** Payload bytes and count of a stored state's messages, as the queue gauges count them. */
    public static long payloadBytes(SessionState state) {
        long bytes = 0;
        for (StoredMessage message : state.queued()) {
            bytes += message.payload().length;
        }
        for (InflightMessage message : state.inflight()) {
            bytes += message.message().payload().length;
        }
        return bytes;
    }

    public static QoS qos(QoSLevel level) {
        return QoS.of(level.value());
    }

    private static QoSLevel level(QoS qos) {
        return QoSLevel.of(qos.value());
    }

    private static List<StoredSubscription> subscriptions(Session session) {
        List<StoredSubscription> subscriptions = new ArrayList<>(session.subscriptions().size());
        session.subscriptions().forEach((filter, qos) -> subscriptions.add(new StoredSubscription(filter, level(qos))));
        return subscriptions;
    }

    private StoredMessage stored(Delivery delivery) {
        Message message = delivery.message();
        return new StoredMessage(messageIds.next(), message.topic(), message.payload(), level(delivery.qos()),
                delivery.retainFlag(), System.currentTimeMillis());
    }

    private static Delivery delivery(StoredMessage stored, long nowNanos) {
        QoS qos = qos(stored.qos());
        return new Delivery(new Message(stored.topic(), stored.payload(), qos, stored.retain(), nowNanos), qos,
                stored.retain());
    }
}
