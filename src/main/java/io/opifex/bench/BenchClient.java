package io.opifex.bench;

import io.opifex.codec.DecodeError;
import io.opifex.codec.MqttDecoder;
import io.opifex.codec.MqttEncoder;
import io.opifex.codec.PacketSink;
import io.opifex.codec.packet.Connack;
import io.opifex.codec.packet.Connect;
import io.opifex.codec.packet.Disconnect;
import io.opifex.codec.packet.MqttPacket;
import io.opifex.codec.packet.Pingreq;
import io.opifex.codec.packet.ProtocolVersion;
import io.opifex.codec.packet.Publish;
import io.opifex.codec.packet.ReasonCode;
import io.opifex.codec.packet.Suback;
import io.opifex.codec.packet.Subscribe;
import io.opifex.codec.packet.TopicSubscription;
import io.opifex.codec.packet.QoS;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import java.util.List;

/**
 * One MQTT 3.1.1 connection of the load generator, driven by its event loop only: the codec over a
 * {@link NetSocket}, the CONNECT and SUBSCRIBE handshakes, and a per-read output buffer so that the
 * acknowledgements a read produces leave in one write.
 */
class BenchClient implements PacketSink {

    /** What the load generator accepts from any broker; its own packets are far smaller. */
    private static final int MAX_PACKET_SIZE = 16 * 1024 * 1024;
    /** The version every bench connection speaks, decided here once for the decoder and the encoder. */
    static final ProtocolVersion VERSION = ProtocolVersion.MQTT_3_1_1;

    final Context context;
    final LoopStats stats;
    final String clientId;
    private final MqttDecoder decoder = new MqttDecoder(MAX_PACKET_SIZE);
    NetSocket socket;
    /** Packets produced while handling a read, written once the read is handled. */
    private Buffer out;
    private Promise<Void> connected;
    private Promise<Void> subscribed;
    private Promise<Void> closed;
    private boolean closing;
    long connectStartNanos;
    long connackNanos;

    BenchClient(Context context, LoopStats stats, String clientId) {
        this.context = context;
        this.stats = stats;
        this.clientId = clientId;
        decoder.protocolVersion(VERSION); // the CONNACK and all after it are read in the form our CONNECT asks for
    }

    /** On this client's context: TCP connect, CONNECT, wait for a CONNACK accepting it. */
    Future<Void> connect(NetClient client, String host, int port, int keepAliveSeconds) {
        connected = Promise.promise();
        closed = Promise.promise();
        connectStartNanos = System.nanoTime();
        client.connect(port, host).onComplete(ar -> {
            if (ar.failed()) {
                connected.tryFail(ar.cause());
                closed.tryComplete();
                return;
            }
            socket = ar.result();
            socket.handler(this::onData);
            socket.exceptionHandler(e -> {
                if (!closing) {
                    stats.errors++;
                }
            });
            socket.closeHandler(v -> {
                if (!closing) {
                    stats.unexpectedCloses++;
                }
                connected.tryFail("connection closed before CONNACK");
                if (subscribed != null) {
                    subscribed.tryFail("connection closed before SUBACK");
                }
                closed.tryComplete();
                onClosed();
            });
            Connect connect = new Connect(VERSION, clientId, true, keepAliveSeconds, null, null, null);
            socket.write(MqttEncoder.encode(connect, VERSION));
        });
        return connected.future();
    }

    /** On this client's context: SUBSCRIBE to one filter, wait for a SUBACK granting it. */
    Future<Void> subscribe(String filter, QoS qos) {
        subscribed = Promise.promise();
        socket.write(MqttEncoder.encode(new Subscribe(1, List.of(new TopicSubscription(filter, qos))), VERSION));
        return subscribed.future();
    }

    void ping() {
        if (socket != null && !closing) {
            socket.write(MqttEncoder.encode(Pingreq.INSTANCE, VERSION));
        }
    }

    /** DISCONNECT, then let the broker close first (so TIME_WAIT stays on its side), or close after a while. */
    Future<Void> disconnect(long graceMillis) {
        if (socket == null) {
            return Future.succeededFuture();
        }
        closing = true;
        socket.write(MqttEncoder.encode(Disconnect.INSTANCE, VERSION));
        long timer = context.owner().setTimer(graceMillis, id -> socket.close());
        return closed.future().onComplete(v -> context.owner().cancelTimer(timer));
    }

    private void onData(Buffer chunk) {
        decoder.feed(chunk, this);
        if (out != null) {
            Buffer pending = out;
            out = null;
            socket.write(pending);
        }
        afterRead();
    }

    /** Appends a packet to what this read will write. */
    final void reply(MqttPacket packet) {
        if (out == null) {
            out = Buffer.buffer(64);
        }
        MqttEncoder.encode(packet, VERSION, out);
    }

    @Override
    public void packet(MqttPacket packet) {
        switch (packet.type()) {
            case CONNACK -> {
                Connack connack = (Connack) packet;
                connackNanos = System.nanoTime();
                if (connack.reasonCode() == ReasonCode.SUCCESS) {
                    connected.tryComplete();
                } else {
                    connected.tryFail("CONNACK " + connack.reasonCode());
                }
            }
            case SUBACK -> {
                Suback suback = (Suback) packet;
                if (subscribed != null) {
                    if (suback.reasonCodes().get(0).isError()) {
                        subscribed.tryFail("SUBACK refused the subscription");
                    } else {
                        subscribed.tryComplete();
                    }
                }
            }
            case PUBLISH -> onPublish((Publish) packet);
            case PUBACK, PUBREC, PUBREL, PUBCOMP -> onAck(packet);
            default -> {
                // PINGRESP, UNSUBACK: nothing to do
            }
        }
    }

    @Override
    public void error(DecodeError error) {
        stats.errors++;
        System.err.println("bench: " + clientId + ": undecodable input from the broker: " + error);
        socket.close();
    }

    void onPublish(Publish publish) {
        // idle clients receive nothing
    }

    void onAck(MqttPacket ack) {
    }

    void afterRead() {
    }

    void onClosed() {
    }
}
