package io.opifex.server;

import io.opifex.codec.packet.PacketType;
import io.opifex.connection.Connection;
import io.opifex.persistence.spi.Persistence;
import io.opifex.persistence.spi.StoredMessage;
import io.opifex.server.auth.Authorizer;
import io.opifex.server.handler.ConnectHandler;
import io.opifex.server.handler.DisconnectHandler;
import io.opifex.server.handler.PacketHandlers;
import io.opifex.server.handler.PingreqHandler;
import io.opifex.server.handler.ProtocolViolation;
import io.opifex.server.handler.PubackHandler;
import io.opifex.server.handler.PubcompHandler;
import io.opifex.server.handler.PublishHandler;
import io.opifex.server.handler.PubrecHandler;
import io.opifex.server.handler.PubrelHandler;
import io.opifex.server.handler.SubscribeHandler;
import io.opifex.server.handler.TopicLimits;
import io.opifex.server.handler.UnsubscribeHandler;
import io.opifex.server.metrics.BrokerMetrics;
import io.opifex.server.metrics.BrokerStats;
import io.opifex.server.port.Admission;
import io.opifex.server.port.Routing;
import io.opifex.server.routing.Deliveries;
import io.opifex.server.routing.MessageRouting;
import io.opifex.server.routing.RetainedMessages;
import io.opifex.server.routing.Router;
import io.opifex.server.routing.TopicSubscriptions;
import io.opifex.server.session.Session;
import io.opifex.server.session.SessionOwnership;
import io.opifex.server.store.MessageIds;
import io.opifex.server.store.SessionSnapshots;
import io.opifex.server.store.SessionStorage;
import io.opifex.topic.TopicTree;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * One MQTT broker, wired: the routing state (subscriptions, retained messages, sessions), the packet handlers and
 * the narrow ports they are given. Its public face is what the service needs: take connections from any transport,
 * restore from the store, drain, and read the totals.
 */
public final class Broker {

    private static final Logger LOG = Logger.getLogger(Broker.class);
    /** Every retained topic but the '$' ones; those ($SYS) are the broker's own and republished anyway. */
    private static final String ALL_TOPICS = "#";

    private final BrokerStats stats;
    private final Persistence persistence;
    private final RetainedMessages retained;
    private final MessageRouting routing;
    private final SessionRegistry registry;
    private final ServerConnection.Shared connections;
    private volatile boolean draining;

    /** @param meters where the broker's events go on to besides its own totals: Micrometer, or NONE */
    public Broker(BrokerSettings settings, BrokerMetrics meters, Authorizer authorizer, Persistence persistence) {
        this.stats = new BrokerStats(meters);
        this.persistence = persistence;
        SessionSnapshots snapshots = new SessionSnapshots(new MessageIds());
        SessionStorage storage = new SessionStorage(persistence.sessions(), snapshots, stats,
                settings.maxQueuedMessages());
        Deliveries deliveries = new Deliveries(authorizer, storage, stats);
        SessionOwnership ownership = new SessionOwnership(deliveries);
        TopicTree<Session> tree = new TopicTree<>();
        this.retained = new RetainedMessages(persistence.retained(), snapshots, stats);
        TopicSubscriptions subscriptions = new TopicSubscriptions(tree, retained, deliveries, stats);
        this.routing = new MessageRouting(retained, new Router(tree), ownership, authorizer, stats);
        this.registry = new SessionRegistry(ownership, storage, subscriptions, routing, settings.sessionLimits(), stats);

        TopicLimits topicLimits = new TopicLimits(settings.maxTopicLength(), settings.maxTopicLevels());
        Admission admission = () -> {
            if (draining) {
                return "the broker is shutting down";
            }
            return stats.clientsConnected() >= settings.maxConnections() ? "connection limit reached" : null;
        };
        PacketHandlers handlers = new PacketHandlers()
                .on(PacketType.CONNECT, ProtocolViolation.secondConnect())
                .on(PacketType.PUBLISH, new PublishHandler(routing, topicLimits))
                .on(PacketType.PUBACK, new PubackHandler())
                .on(PacketType.PUBREC, new PubrecHandler())
                .on(PacketType.PUBREL, new PubrelHandler())
                .on(PacketType.PUBCOMP, new PubcompHandler())
                .on(PacketType.SUBSCRIBE, new SubscribeHandler(subscriptions, authorizer, topicLimits, stats,
                        settings.maxSubscriptionsPerClient()))
                .on(PacketType.UNSUBSCRIBE, new UnsubscribeHandler(subscriptions))
                .on(PacketType.PINGREQ, new PingreqHandler())
                .on(PacketType.DISCONNECT, new DisconnectHandler())
                .on(PacketType.CONNACK, ProtocolViolation.serverOnly())
                .on(PacketType.SUBACK, ProtocolViolation.serverOnly())
                .on(PacketType.UNSUBACK, ProtocolViolation.serverOnly())
                .on(PacketType.PINGRESP, ProtocolViolation.serverOnly())
                .complete();
        ConnectHandler connects = new ConnectHandler(registry, admission, stats, settings.maxClientIdLength());
        this.connections = new ServerConnection.Shared(connects, handlers, registry, stats, new DeliveryLatency(),
                settings.maxPublisherPause());
    }

    /**
     * Reads what the store kept from an earlier run: persistent sessions (offline, subscriptions routed to them)
     * and retained messages. Call before the listeners start.
     */
    public Future<Void> restore(Vertx vertx) {
        Future<Void> messages = Future.fromCompletionStage(persistence.retained().match(ALL_TOPICS))
                .map(this::restoreRetained);
        return Future.all(messages, registry.restore(vertx)).mapEmpty();
    }

    private Void restoreRetained(List<StoredMessage> messages) {
        long now = System.nanoTime();
        for (StoredMessage message : messages) {
            retained.restore(SessionSnapshots.message(message, now));
        }
        LOG.infof("restored %d retained messages", messages.size());
        return null;
    }

    /** Takes a new connection from any listener; runs on the connection's event loop. */
    public void accept(Connection connection) {
        connection.start(new ServerConnection(connection, connections));
    }

    /**
     * Stops taking new clients (CONNACK 0x03) and disconnects the connected ones at a capped rate.
     * Completes when all are gone or the timeout passes.
     */
    public Future<Void> drain(Vertx vertx, int disconnectsPerSecond, Duration timeout) {
        draining = true;
        return new Drain(vertx, stats, registry).run(disconnectsPerSecond, timeout);
    }

    public boolean isDraining() {
        return draining;
    }

    /** The live totals: connected clients, subscriptions, queued and in-flight messages, messages counted. */
    public BrokerStats stats() {
        return stats;
    }

    public int retainedCount() {
        return retained.count();
    }

    public int sessionCount() {
        return registry.count();
    }

    /** For the broker's own messages ($SYS), which need no authorization. */
    Routing routing() {
        return routing;
    }
}
