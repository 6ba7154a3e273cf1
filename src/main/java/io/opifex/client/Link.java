package io.opifex.client;

import io.opifex.codec.DecodeError;
import io.opifex.codec.packet.Connack;
import io.opifex.codec.packet.Connect;
import io.opifex.codec.packet.Disconnect;
import io.opifex.codec.packet.MqttPacket;
import io.opifex.codec.packet.PacketType;
import io.opifex.codec.packet.ReasonCode;
import io.opifex.connection.CloseReason;
import io.opifex.connection.ConnectionHandler;
import io.opifex.connection.ConnectionMetrics;
import io.opifex.connection.ConnectionSettings;
import io.opifex.connection.Connector;
import io.opifex.connection.MqttConnection;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

/**
 * One connection to the broker, from CONNECT to close, over the stream a {@link Connector} opened and the shared
 * {@link MqttConnection} framing layer (whose connect timeout here bounds the wait for CONNACK; its server-side
 * keep-alive is not used, see {@link KeepAlive}). Knows why it closed, so every failure reaches the user as a
 * precise exception.
 */
final class Link implements ConnectionHandler, PacketWriter {

    /** What the client core hears from a link once its CONNACK accepted the connection. */
    interface Listener {

        void packet(Link link, MqttPacket packet);

        void closed(Link link, MqttClientException cause);

        void sent();
    }

    private final MqttConnection connection;
    private final String address;
    private final long connackTimeoutMillis;
    private final Listener listener;
    private final Promise<Connack> connack = Promise.promise();
    private boolean accepted;
    /** Set when this side decides to close, so the close is reported with the real reason. */
    private MqttClientException closeCause;

    private Link(MqttConnection connection, String address, long connackTimeoutMillis, Listener listener) {
        this.connection = connection;
        this.address = address;
        this.connackTimeoutMillis = connackTimeoutMillis;
        this.listener = listener;
    }

    /** Connects, sends CONNECT and completes with the link once CONNACK accepted it; must run on the client's loop. */
    static Future<Link> open(Vertx vertx, Connector connector, MqttClientOptions options, Connect connect,
                             Listener listener) {
        String address = options.host() + ":" + options.port();
        ConnectionSettings settings = new ConnectionSettings(options.maxPacketSize(), options.connectTimeout(),
                options.writeQueueHighWater());
        return connector.connect(options.host(), options.port(), options.connectTimeout(),
                        options.writeQueueHighWater())
                .recover(e -> Future.failedFuture(new MqttClientException("cannot connect to " + address + ": "
                        + describe(e), e)))
                .compose(transport -> {
                    MqttConnection connection = new MqttConnection(vertx, transport, settings, ConnectionMetrics.NONE);
                    Link link = new Link(connection, address, options.connectTimeout().toMillis(), listener);
                    connection.start(link);
                    link.send(connect); // [MQTT-3.1.0-1] the first packet
                    return link.connack.future().map(ack -> link);
                });
    }

    private static String describe(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    boolean sessionPresent() {
        return connack.future().result().sessionPresent();
    }

    @Override
    public void send(MqttPacket packet) {
        connection.send(packet);
        listener.sent();
    }

    @Override
    public void onPacket(MqttPacket packet) {
        if (accepted) {
            listener.packet(this, packet);
            return;
        }
        if (packet.type() != PacketType.CONNACK) {
            violation("[MQTT-3.2.0-1] the first packet from the broker must be CONNACK, was " + packet.type());
            return;
        }
        Connack ack = (Connack) packet;
        if (ack.reasonCode() != ReasonCode.SUCCESS) {
            // [MQTT-3.2.2-5] the broker closes after a refusal; we do not wait for it
            fail(new ConnectRefusedException(ack.reasonCode()), CloseReason.CONNECT_REFUSED);
            return;
        }
        accepted = true;
        connack.complete(ack);
    }

    /** The broker broke the protocol: close and report why. */
    void violation(String detail) {
        fail(new ProtocolViolationException(detail), CloseReason.PROTOCOL_ERROR);
    }

    void fail(MqttClientException cause, CloseReason reason) {
        if (closeCause == null) {
            closeCause = cause;
        }
        connection.close(reason);
    }

    /** Polite close at the user's request [MQTT-3.14.4-1]. */
    void disconnect() {
        if (connection.isOpen()) {
            send(Disconnect.INSTANCE);
        }
        fail(new NotConnectedException("client disconnected"), CloseReason.CLIENT_DISCONNECT);
    }

    /** Malformed input from the broker: the connection closes, and {@link #causeOf} reports what it was. */
    @Override
    public void onDecodeError(DecodeError error) {
    }

    @Override
    public void onClosed(CloseReason reason) {
        MqttClientException cause = closeCause != null ? closeCause : causeOf(reason);
        if (accepted) {
            listener.closed(this, cause);
        } else {
            connack.tryFail(cause);
        }
    }

    private MqttClientException causeOf(CloseReason reason) {
        switch (reason) {
            case PROTOCOL_ERROR -> {
                DecodeError error = connection.protocolError();
                String detail = error == null ? "malformed packet"
                        : (error.specId() == null ? "" : "[" + error.specId() + "] ") + error.detail();
                return new ProtocolViolationException(detail);
            }
            case CONNECT_TIMEOUT -> {
                return new ClientTimeoutException("no CONNACK from " + address + " within " + connackTimeoutMillis
                        + " ms");
            }
            default -> {
                return new ConnectionLostException(accepted ? "connection to " + address + " lost"
                        : "connection to " + address + " closed before CONNACK");
            }
        }
    }
}
