package io.opifex.client;

import io.opifex.codec.packet.Connect;
import io.opifex.codec.packet.MqttPacket;
import io.opifex.codec.packet.PacketIds;
import io.opifex.codec.packet.Puback;
import io.opifex.codec.packet.Pubcomp;
import io.opifex.codec.packet.Publish;
import io.opifex.codec.packet.Pubrec;
import io.opifex.codec.packet.Pubrel;
import io.opifex.codec.packet.QoS;
import io.opifex.codec.packet.ReasonCode;
import io.opifex.codec.packet.Suback;
import io.opifex.codec.packet.TopicSubscription;
import io.opifex.codec.packet.Unsuback;
import io.opifex.connection.CloseReason;
import io.opifex.connection.Connector;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.function.IntPredicate;
import org.jboss.logging.Logger;

/**
 * The client's state machine: connecting, connected, waiting to reconnect, closed. Owns the flows and the current
 * {@link Link}; every method runs on the client's event loop ({@link MqttClient} makes sure), so nothing is locked.
 */
final class ClientCore implements Link.Listener {

    enum State { NEW, CONNECTING, CONNECTED, RECONNECTING, CLOSED }

    private static final Logger LOG = Logger.getLogger(ClientCore.class);

    private final Vertx vertx;
    private final MqttClientOptions options;
    private final Connector connector;
    /** PUBLISH, SUBSCRIBE and UNSUBSCRIBE share one id space; an id is taken while its flow holds it [MQTT-2.3.1-2]. */
    private final PacketIds ids = new PacketIds();
    private final IntPredicate idInUse;
    private final OutboundFlow outbound;
    private final InboundFlow inbound = new InboundFlow();
    private final SubscriptionFlow subscriptions;
    private final KeepAlive keepAlive;
    private final Reconnector reconnector;

    /** Written on the loop, read anywhere by {@link MqttClient#isConnected()}. */
    private volatile State state = State.NEW;
    private Link link;
    /** Handlers are volatile: set from any thread, called on the loop. */
    private volatile Handler<Throwable> closeHandler;
    private volatile Handler<Throwable> connectionLostHandler;
    private volatile Handler<ConnectResult> reconnectHandler;

    ClientCore(Vertx vertx, MqttClientOptions options, Connector connector) {
        this.vertx = vertx;
        this.options = options;
        this.connector = connector;
        this.outbound = new OutboundFlow(vertx, this::nextPacketId, options.maxInflight(), options.maxQueuedPublishes(),
                options.requestTimeout());
        this.subscriptions = new SubscriptionFlow(vertx, this::nextPacketId, options.requestTimeout());
        this.idInUse = id -> outbound.holds(id) || subscriptions.holds(id);
        this.keepAlive = new KeepAlive(vertx, options.keepAliveSeconds(), options.pingTimeout());
        this.reconnector = new Reconnector(vertx, options.reconnect());
    }

    /** @return a free packet id, or 0 when all 65,535 are held by flows in progress */
    private int nextPacketId() {
        return ids.next(idInUse);
    }

    State state() {
        return state;
    }

    Future<ConnectResult> connect() {
        if (state == State.CONNECTING || state == State.CONNECTED || state == State.RECONNECTING) {
            return Future.failedFuture(new IllegalStateException("client " + options.clientId() + " is already "
                    + state.name().toLowerCase()));
        }
        state = State.CONNECTING;
        return open().recover(e -> {
            if (state == State.CONNECTING) {
                closeForGood(e); // the first connect reports to its caller only; no retries
            }
            return Future.failedFuture(e);
        });
    }

    /** One attempt: stream, CONNECT, CONNACK; on acceptance the link becomes the current one. */
    private Future<ConnectResult> open() {
        return Link.open(vertx, connector, options, connectPacket(), this).compose(opened -> {
            if (state != State.CONNECTING && state != State.RECONNECTING) {
                opened.disconnect(); // disconnect() was called while we were connecting
                return Future.failedFuture(new NotConnectedException("client disconnected while connecting"));
            }
            return Future.succeededFuture(online(opened));
        });
    }

    private Connect connectPacket() {
        return new Connect(options.protocolVersion(), options.clientId(), options.cleanSession(),
                options.keepAliveSeconds(), options.will(), options.userName(), options.password());
    }

    private ConnectResult online(Link opened) {
        boolean resumed = opened.sessionPresent();
        boolean reconnecting = state == State.RECONNECTING;
        link = opened;
        state = State.CONNECTED;
        reconnector.reset();
        if (!resumed) {
            inbound.forget(); // [MQTT-3.2.2-1]/[MQTT-3.2.2-3]: no session, so no QoS 2 flows to finish
        }
        keepAlive.start(opened, () -> opened.fail(new ConnectionLostException("no PINGRESP within "
                + options.pingTimeout().toMillis() + " ms: connection presumed dead"), CloseReason.KEEP_ALIVE_TIMEOUT));
        if (reconnecting && !resumed) {
            resubscribe(opened);
        }
        outbound.online(opened);
        return new ConnectResult(resumed);
    }

    /** The broker lost our session: make the subscriptions it had granted again, before anything is resent. */
    private void resubscribe(Link opened) {
        List<TopicSubscription> granted = subscriptions.grantedSubscriptions();
        if (granted.isEmpty()) {
            return;
        }
        subscriptions.subscribe(granted, opened).onComplete(done -> {
            if (done.failed()) {
                LOG.warnf("resubscribing %s after reconnect failed: %s", options.clientId(), done.cause().toString());
            } else if (done.result().stream().anyMatch(ReasonCode::isError)) {
                LOG.warnf("broker refused some resubscriptions of %s: %s", options.clientId(), done.result());
            }
        });
    }

    Future<Void> publish(String topic, byte[] payload, QoS qos, boolean retain) {
        if (state == State.NEW || state == State.CLOSED) {
            return Future.failedFuture(new NotConnectedException("not connected: call connect() first"));
        }
        return qos == QoS.AT_MOST_ONCE ? outbound.publishAtMostOnce(topic, payload, retain)
                : outbound.publish(topic, payload, qos, retain);
    }

    Future<List<Integer>> subscribe(List<TopicSubscription> filters) {
        if (link == null) {
            return Future.failedFuture(new NotConnectedException("not connected: cannot subscribe"));
        }
        // the public API has the codes as on the wire: the granted QoS, or the error (0x80 from a 3.x broker)
        return subscriptions.subscribe(filters, link).map(codes -> codes.stream().map(ReasonCode::value).toList());
    }

    Future<Void> unsubscribe(List<String> filters) {
        if (link == null) {
            return Future.failedFuture(new NotConnectedException("not connected: cannot unsubscribe"));
        }
        return subscriptions.unsubscribe(filters, link).mapEmpty();
    }

    Future<Void> disconnect() {
        if (state == State.NEW || state == State.CLOSED) {
            return Future.succeededFuture();
        }
        Link current = link;
        link = null; // its close is ours, not a loss to recover from
        state = State.CLOSED;
        if (current != null) {
            current.disconnect(); // before the connector closes with its streams
        }
        closeForGood(new NotConnectedException("client disconnected"));
        notify(closeHandler, null);
        return Future.succeededFuture();
    }

    @Override
    public void packet(Link from, MqttPacket packet) {
        if (from != link) {
            return;
        }
        String violation = switch (packet.type()) {
            case PUBLISH -> {
                inbound.publish((Publish) packet, from);
                yield null;
            }
            case PUBREL -> {
                inbound.pubrel((Pubrel) packet, from);
                yield null;
            }
            case PUBACK -> outbound.puback(((Puback) packet).packetId()) ? null
                    : "PUBACK for packet " + ((Puback) packet).packetId() + ", which is no QoS 1 publish in flight";
            case PUBREC -> outbound.pubrec(((Pubrec) packet).packetId()) ? null
                    : "PUBREC for packet " + ((Pubrec) packet).packetId() + ", which is no QoS 2 publish in flight";
            case PUBCOMP -> outbound.pubcomp(((Pubcomp) packet).packetId()) ? null
                    : "PUBCOMP for packet " + ((Pubcomp) packet).packetId() + ", which is no released QoS 2 publish";
            case SUBACK -> subscriptions.suback((Suback) packet);
            case UNSUBACK -> subscriptions.unsuback(((Unsuback) packet).packetId());
            case PINGRESP -> {
                keepAlive.pingresp();
                yield null;
            }
            case CONNACK -> "a second CONNACK";
            case CONNECT, SUBSCRIBE, UNSUBSCRIBE, PINGREQ, DISCONNECT ->
                    "the broker sent " + packet.type() + ", which only clients send";
        };
        if (violation != null) {
            from.violation(violation);
        }
    }

    @Override
    public void closed(Link from, MqttClientException cause) {
        if (from != link) {
            return; // an old link, or the one disconnect() already let go of
        }
        link = null;
        keepAlive.stop();
        outbound.offline();
        if (!options.reconnect().enabled() || cause instanceof ProtocolViolationException) {
            // a broker that breaks the protocol is not one to reconnect to blindly
            closeForGood(cause);
            notify(closeHandler, cause);
            return;
        }
        subscriptions.failPending(new ConnectionLostException("connection lost before the acknowledgement: "
                + cause.getMessage(), cause));
        state = State.RECONNECTING;
        LOG.debugf("client %s lost its connection (%s); reconnecting", options.clientId(), cause.getMessage());
        notify(connectionLostHandler, cause);
        reconnector.schedule(this::reconnect);
    }

    private void reconnect() {
        if (state != State.RECONNECTING) {
            return;
        }
        open().onComplete(done -> {
            if (done.succeeded()) {
                notify(reconnectHandler, done.result());
            } else if (state == State.RECONNECTING) {
                Throwable cause = done.cause();
                if (cause instanceof ConnectRefusedException refused && !refused.isWorthRetrying()) {
                    closeForGood(cause);
                    notify(closeHandler, cause);
                } else {
                    LOG.debugf("client %s reconnect failed: %s", options.clientId(), cause.getMessage());
                    reconnector.schedule(this::reconnect);
                }
            }
        });
    }

    /** Ends everything pending with {@code cause}; nothing is retried after this. */
    private void closeForGood(Throwable cause) {
        state = State.CLOSED;
        reconnector.cancel();
        keepAlive.stop();
        link = null;
        outbound.offline();
        outbound.failAll(cause);
        subscriptions.failPending(cause);
        connector.close(); // a later connect() opens it again
    }

    private <T> void notify(Handler<T> handler, T value) {
        if (handler == null) {
            return;
        }
        try {
            handler.handle(value);
        } catch (RuntimeException e) {
            LOG.warnf(e, "client %s handler failed", options.clientId());
        }
    }

    @Override
    public void sent() {
        keepAlive.sent();
    }

    void messageHandler(Handler<ReceivedMessage> handler) {
        inbound.handler(handler);
    }

    void closeHandler(Handler<Throwable> handler) {
        closeHandler = handler;
    }

    void connectionLostHandler(Handler<Throwable> handler) {
        connectionLostHandler = handler;
    }

    void reconnectHandler(Handler<ConnectResult> handler) {
        reconnectHandler = handler;
    }

    int inFlightCount() {
        return outbound.inFlightCount();
    }

    int queuedCount() {
        return outbound.queuedCount();
    }
}
