package io.opifex.server;

import io.opifex.codec.packet.QoS;
import io.opifex.codec.packet.TopicSubscription;
import io.opifex.codec.packet.Will;
import io.opifex.connection.CloseReason;
import io.opifex.connection.MqttConnection;
import io.opifex.server.auth.Authorizer;
import io.opifex.server.auth.ClientIdentity;
import io.opifex.server.handler.AckHandler;
import io.opifex.server.handler.ConnectHandler;
import io.opifex.server.handler.PublishHandler;
import io.opifex.server.handler.SubscriptionHandler;
import io.opifex.server.session.Session;
import io.opifex.server.session.SessionEvents;
import io.opifex.topic.TopicIndex;
import io.opifex.topic.TopicTree;
import io.opifex.persistence.spi.QoSLevel;
import io.opifex.persistence.spi.Persistence;
import io.opifex.persistence.spi.RetainedStore;
import io.opifex.persistence.spi.StoredMessage;
import io.opifex.server.session.MessageIds;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * One MQTT 3.1.1 broker: the shared routing state (subscriptions, retained messages, sessions) and the handlers
 * every connection dispatches to. Transport-agnostic: listeners hand it {@link MqttConnection}s.
 */
public final class Broker {

    private static final Logger LOG = Logger.getLogger(Broker.class);

    private final BrokerSettings settings;
    private final BrokerMetrics metrics;
    private final BrokerStats stats = new BrokerStats();
    private final Authorizer authorizer;
    private final TopicLimits topicLimits;
    private final TopicTree<Session> subscriptions = new TopicTree<>();
    private final TopicIndex<Message> retained = new TopicIndex<>();
    private final SessionLifecycle lifecycle = new SessionLifecycle(this);
    private final Router router = new Router(subscriptions, this);
    private final SessionEvents sessionEvents = new StatsSessionEvents();
    private final ConnectHandler connects = new ConnectHandler(this);
    private final PublishHandler publishes = new PublishHandler(this);
    private final AckHandler acks = new AckHandler(this);
    private final SubscriptionHandler subscriptionHandler = new SubscriptionHandler(this);
    private volatile boolean draining;

    private final SessionPersistence persistence;
    private final MessageIds retainedIds = new MessageIds();

    public Broker(BrokerSettings settings, BrokerMetrics metrics, Authorizer authorizer, Persistence persistence) {
        this.settings = settings;
        this.metrics = metrics;
        this.authorizer = authorizer;
        this.topicLimits = new TopicLimits(settings.maxTopicLength(), settings.maxTopicLevels());
        this.persistence = new SessionPersistence(persistence, sessionEvents, settings.maxQueuedMessages());
    }

    /**
     * Reads what the store kept from an earlier run: persistent sessions (offline, subscriptions routed to them)
     * and retained messages. Call before the listeners start.
     */
    public Future<Void> restore(Vertx vertx) {
        return new StoreRestore(vertx, this, persistence.persistence()).run();
    }

    /** Takes a new connection from any listener; runs on the connection's event loop. */
    public void accept(MqttConnection connection) {
        connection.start(new ServerConnection(this, connection));
    }

    /** After CONNECT passed its checks: takes over or creates the session, then sends CONNACK. */
    public void claim(ServerConnection client, String clientId, boolean clean, int keepAliveSeconds) {
        lifecycle.claim(client, clientId, clean, keepAliveSeconds);
    }

    /**
     * Stops taking new clients (CONNACK 0x03) and disconnects the connected ones at a capped rate.
     * Completes when all are gone or the timeout passes.
     */
    public Future<Void> drain(Vertx vertx, int disconnectsPerSecond, Duration timeout) {
        draining = true;
        return new Drain(vertx, this, lifecycle).run(disconnectsPerSecond, timeout);
    }

    public boolean isDraining() {
        return draining;
    }

    /** A client's PUBLISH or will, after authorization: retained state first, then the subscribers. */
    public void publishFrom(ClientIdentity publisher, Message message) {
        publishFrom(publisher, message, null);
    }

    /** @param congested collects subscribers whose queues are filling, so the caller can pause the publisher */
    public void publishFrom(ClientIdentity publisher, Message message, List<Session> congested) {
        stats.messagesReceived.increment();
        metrics.messageReceived(message.qos());
        if (!authorizer.canPublish(publisher, message.topic())) {
            dropped(DropReason.NOT_AUTHORIZED);
            return;
        }
        publish(message, congested);
    }

    /** Routes a message without authorization: the broker's own ($SYS) and already-authorized ones. */
    void publish(Message message) {
        publish(message, null);
    }

    private void publish(Message message, List<Session> congested) {
        if (message.retain()) {
            retain(message);
        }
        if (router.route(message, congested) == 0) {
            dropped(DropReason.NO_SUBSCRIBERS);
        }
    }

    private void retain(Message message) {
        RetainedStore store = persistence.persistence().retained();
        if (message.payload().length == 0) {
            if (retained.remove(message.topic()) != null) { // [MQTT-3.3.1-10], [MQTT-3.3.1-11]
                store.remove(message.topic()).whenComplete((ok, error) -> logStoreError(error, message.topic()));
            }
        } else {
            retained.put(message.topic(), message); // [MQTT-3.3.1-5], QoS 0 too [MQTT-3.3.1-7]
            long started = System.nanoTime();
            store.put(new StoredMessage(retainedIds.next(), message.topic(), message.payload(), QoSLevel.of(message.qos().value()), true,
                    System.currentTimeMillis())).whenComplete((ok, error) -> {
                        metrics.storeWrite(System.nanoTime() - started);
                        logStoreError(error, message.topic());
                    });
        }
    }

    private static void logStoreError(Throwable error, String topic) {
        if (error != null) {
            LOG.errorf(error, "could not store the retained message of topic %s", topic);
        }
    }

    /** Puts a retained message read from the store back into the live index, at start-up. */
    void restoreRetained(Message message) {
        retained.put(message.topic(), message);
    }

    void publishWill(ClientIdentity publisher, Will will) {
        publishFrom(publisher, new Message(will.topic(), will.payload(), will.qos(), will.retain(), System.nanoTime()));
    }

    /**
     * A routed message, counted in the session's backlog for flow control until it arrives. While the session is
     * being handed to this loop, messages routed straight here wait until those routed to the old owner have been
     * forwarded, so that one publisher's messages stay in order [MQTT-4.6.0-6].
     *
     * @param forwarded sent on by the session's previous owner
     */
    void deliverRouted(Session session, Message message, QoS qos, boolean forwarded) {
        if (session.owner() != Vertx.currentContext()) {
            session.owner().runOnContext(v -> deliverRouted(session, message, qos, true));
            return;
        }
        if (!forwarded && session.isHandingOver()) {
            session.hold(message, qos);
            return;
        }
        if (qos != QoS.AT_MOST_ONCE) {
            session.arrived();
        }
        deliver(session, message, qos, false);
    }

    /**
     * Moves a session to {@code newOwner}; runs on its current owner. Every loop that routes gets a fence: once it
     * has run, that loop reads the new owner, and a marker it sends through the old owner arrives at the new one
     * after anything the loop routed to the old owner before.
     */
    void handOver(Session session, Context newOwner) {
        Context oldOwner = Vertx.currentContext();
        java.util.Collection<Context> loops = router.routingLoops();
        session.beginHandover(loops.size());
        session.moveTo(newOwner);
        for (Context loop : loops) {
            loop.runOnContext(fence -> {
                router.flushPending(); // what this loop batched for the old owner goes ahead of the marker
                oldOwner.runOnContext(marker -> handoverMarker(session));
            });
        }
    }

    private void handoverMarker(Session session) {
        if (session.owner() != Vertx.currentContext()) {
            session.owner().runOnContext(v -> handoverMarker(session));
            return;
        }
        for (Session.Held held : session.handoverArrived()) {
            deliverRouted(session, held.message(), held.qos(), true);
        }
    }

    /**
     * The backlog at which a session counts as congested and its QoS 1/2 publishers are paused: half the queue
     * limit, early enough that the pause usually prevents drops.
     */
    public int congestionMark() {
        return Math.max(1, settings.maxQueuedMessages() / 2);
    }

    /** Hands a message to a session on its owner's loop, following the session if it moved meanwhile. */
    void deliver(Session session, Message message, QoS qos, boolean retainFlag) {
        if (session.owner() != Vertx.currentContext()) {
            session.owner().runOnContext(v -> deliver(session, message, qos, retainFlag));
            return;
        }
        if (!authorizer.canReceive(new ClientIdentity(session.clientId(), null), message.topic())) {
            dropped(DropReason.NOT_AUTHORIZED);
            return;
        }
        if (session.isStored()) {
            persistence.enqueue(session, message, qos);
            return;
        }
        // normal forwarding clears RETAIN [MQTT-3.3.1-9]; retained messages on subscribe keep it [MQTT-3.3.1-8]
        session.deliver(message, qos, retainFlag, settings.maxInflight(), settings.maxQueuedMessages());
    }

    public void subscribe(Session session, String filter, QoS qos) {
        if (session.subscriptions().put(filter, qos) == null) {
            stats.subscriptions.increment();
        }
        subscriptions.subscribe(filter, session, qos);
    }

    /** Adds a restored session's filter to routing (the session already lists it). */
    void routeTo(Session session, String filter, QoS qos) {
        subscriptions.subscribe(filter, session, qos);
        stats.subscriptions.increment();
    }

    public void unsubscribe(Session session, String filter) {
        if (session.subscriptions().remove(filter) != null) {
            subscriptions.unsubscribe(filter, session);
            stats.subscriptions.decrement();
        }
    }

    void unsubscribeAll(Session session) {
        for (String filter : session.subscriptions().keySet()) {
            subscriptions.unsubscribe(filter, session);
            stats.subscriptions.decrement();
        }
        session.subscriptions().clear();
    }

    /** Sends the retained messages matching a new subscription, RETAIN set, at most at the granted QoS. */
    public void sendRetained(Session session, TopicSubscription subscription) {
        retained.match(subscription.topicFilter(), message ->
                deliver(session, message, QoS.min(message.qos(), subscription.qos()), true));
    }

    void disconnected(ServerConnection client, CloseReason reason) {
        lifecycle.disconnected(client, reason);
    }

    public void protocolViolation() {
        metrics.protocolViolation();
    }

    private void dropped(DropReason reason) {
        stats.messagesDropped.increment();
        metrics.messageDropped(reason);
    }

    public BrokerSettings settings() {
        return settings;
    }

    public BrokerMetrics metrics() {
        return metrics;
    }

    public BrokerStats stats() {
        return stats;
    }

    public Authorizer authorizer() {
        return authorizer;
    }

    public TopicLimits topicLimits() {
        return topicLimits;
    }

    public int retainedCount() {
        return retained.size();
    }

    public int sessionCount() {
        return lifecycle.sessionCount();
    }

    SessionPersistence persistence() {
        return persistence;
    }

    SessionLifecycle lifecycle() {
        return lifecycle;
    }

    SessionEvents sessionEvents() {
        return sessionEvents;
    }

    ConnectHandler connects() {
        return connects;
    }

    PublishHandler publishes() {
        return publishes;
    }

    AckHandler acks() {
        return acks;
    }

    SubscriptionHandler subscriptions() {
        return subscriptionHandler;
    }

    private final class StatsSessionEvents implements SessionEvents {
        /**
         * Per event loop thread: the message whose latency was last recorded there, as its receipt time and identity
         * hash (a reference would keep its payload alive). A fan-out writes its copies on a loop one after another,
         * so only the first is timed: the clock and the histogram cost once per message and loop, not per subscriber.
         */
        private final ThreadLocal<long[]> lastTimed = ThreadLocal.withInitial(() -> new long[] {-1, 0});

        @Override
        public void sent(Message message, QoS qos, boolean retained) {
            stats.messagesSent.increment();
            metrics.messageSent(qos, retained ? -1 : latencyOfFirstCopyHere(message));
        }

        private long latencyOfFirstCopyHere(Message message) {
            long[] last = lastTimed.get();
            int identity = System.identityHashCode(message);
            if (last[0] == message.receivedNanos() && last[1] == identity) {
                return -1;
            }
            last[0] = message.receivedNanos();
            last[1] = identity;
            return System.nanoTime() - message.receivedNanos();
        }

        @Override
        public void dropped(DropReason reason) {
            Broker.this.dropped(reason);
        }

        @Override
        public void queuedChanged(int delta, long bytes) {
            stats.queuedMessages.add(delta);
            stats.queuedBytes.add(bytes);
        }

        @Override
        public void storeWrite(long nanos) {
            metrics.storeWrite(nanos);
        }

        @Override
        public void inflightChanged(int delta) {
            stats.inflightMessages.add(delta);
        }
    }
}
