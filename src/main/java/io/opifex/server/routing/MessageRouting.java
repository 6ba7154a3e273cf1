package io.opifex.server.routing;

import io.opifex.codec.packet.QoS;
import io.opifex.server.auth.Authorizer;
import io.opifex.server.auth.ClientIdentity;
import io.opifex.server.message.Message;
import io.opifex.server.metrics.BrokerMetrics;
import io.opifex.server.metrics.DropReason;
import io.opifex.server.port.Routing;
import io.opifex.server.session.DrainListener;
import io.opifex.server.session.Session;
import io.opifex.server.session.SessionOwnership;
import io.opifex.topic.MatchedSubscribers;
import java.util.function.BiConsumer;

/**
 * One message from its publisher to its subscribers: the retained state first, then the {@link Router}'s targets,
 * each handed to its session's owner by {@link SessionOwnership}. A QoS 1/2 target whose queue is filling is
 * told to wake the publisher once it drained, and the publisher is told how many will.
 */
public final class MessageRouting implements Routing {

    private final RetainedMessages retained;
    private final Router router;
    private final SessionOwnership ownership;
    private final Authorizer authorizer;
    private final BrokerMetrics metrics;
    /** Per event loop thread, reused for every message: one lookup per publish, no lambda, no map. */
    private final ThreadLocal<Fanout> fanouts;

    public MessageRouting(RetainedMessages retained, Router router, SessionOwnership ownership,
                          Authorizer authorizer, BrokerMetrics metrics) {
        this.retained = retained;
        this.router = router;
        this.ownership = ownership;
        this.authorizer = authorizer;
        this.metrics = metrics;
        this.fanouts = ThreadLocal.withInitial(() -> new Fanout(ownership.batchesHere()));
    }

    @Override
    public int publishFrom(ClientIdentity client, Message message, DrainListener publisher) {
        metrics.messageReceived(message.qos());
        if (!authorizer.canPublish(client, message.topic())) {
            metrics.messageDropped(DropReason.NOT_AUTHORIZED);
            return 0;
        }
        return publish(message, publisher);
    }

    @Override
    public int publish(Message message, DrainListener publisher) {
        if (message.retain()) {
            retained.retain(message);
        }
        return fanouts.get().run(message, publisher);
    }

    /** One thread's fan-out: its match collector and its loop's batches, reused for every message it routes. */
    private final class Fanout implements BiConsumer<Session, QoS> {
        private final MatchedSubscribers<Session> targets = new MatchedSubscribers<>();
        private final SessionOwnership.Batches batches;
        private Message message;
        private DrainListener publisher;
        private int congested;

        Fanout(SessionOwnership.Batches batches) {
            this.batches = batches;
        }

        int run(Message message, DrainListener publisher) {
            router.targets(message.topic(), targets);
            if (targets.isEmpty()) {
                metrics.messageDropped(DropReason.NO_SUBSCRIBERS);
                return 0;
            }
            this.message = message;
            this.publisher = publisher;
            this.congested = 0;
            targets.forEach(this);
            targets.clear();
            this.message = null;
            this.publisher = null;
            batches.flush();
            return congested;
        }

        /** One matched session, at its highest matching QoS. */
        @Override
        public void accept(Session session, QoS subscribed) {
            QoS qos = QoS.min(message.qos(), subscribed);
            // every QoS 1/2 message is counted on its way, so other loops see the session's backlog grow
            if (qos != QoS.AT_MOST_ONCE && session.queue().routedTo() && publisher != null) {
                DrainListener waiting = publisher;
                ownership.execute(session, s -> s.queue().awaitDrain(waiting));
                congested++;
            }
            batches.add(session, message, qos);
        }
    }
}
