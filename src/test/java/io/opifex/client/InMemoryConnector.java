package io.opifex.client;

import io.opifex.codec.DecodeError;
import io.opifex.codec.MqttDecoder;
import io.opifex.codec.MqttEncoder;
import io.opifex.codec.packet.ProtocolVersion;
import io.opifex.codec.PacketSink;
import io.opifex.codec.packet.MqttPacket;
import io.opifex.connection.Connector;
import io.opifex.connection.Transport;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link Connector} without a socket: each connect hands the client one end of an in-memory stream and the test
 * the other, a {@link Peer} to play the broker on. Records what it was asked for and how often it was closed.
 */
final class InMemoryConnector implements Connector {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    record Request(String host, int port, Duration timeout, int writeQueueHighWater) {
    }

    private final BlockingQueue<Peer> opened = new LinkedBlockingQueue<>();
    private final Set<Stream> open = ConcurrentHashMap.newKeySet();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger closes = new AtomicInteger();
    private volatile Throwable refusal;

    @Override
    public Future<Transport> connect(String host, int port, Duration timeout, int writeQueueHighWater) {
        requests.add(new Request(host, port, timeout, writeQueueHighWater));
        Throwable failure = refusal;
        if (failure != null) {
            return Future.failedFuture(failure);
        }
        Context loop = Vertx.currentContext();
        if (loop == null) {
            throw new AssertionError("the client connects from its event loop");
        }
        Stream stream = new Stream(loop, host + ":" + port);
        open.add(stream);
        opened.add(stream.peer);
        return Future.succeededFuture(stream);
    }

    @Override
    public Future<Void> close() {
        closes.incrementAndGet();
        for (Stream stream : open) {
            stream.peer.drop(); // as a closing NetClient closes its sockets
        }
        return Future.succeededFuture();
    }

    /** Every later connect fails with {@code failure}, as a transport would; null to accept again. */
    void refuseWith(Throwable failure) {
        refusal = failure;
    }

    List<Request> requests() {
        return requests;
    }

    int closes() {
        return closes.get();
    }

    /** The broker's end of the next stream the client opens; fails the test after the timeout. */
    Peer accept() throws InterruptedException {
        Peer peer = opened.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        if (peer == null) {
            throw new AssertionError("the client opened no stream within " + TIMEOUT);
        }
        return peer;
    }

    /** The client's end; every call comes on the client's event loop, as the contract says. */
    private final class Stream implements Transport {

        private final Context loop;
        private final String address;
        private final Peer peer = new Peer(this);
        /** What the broker sent while the client had paused reading. */
        private final ArrayDeque<Buffer> held = new ArrayDeque<>();
        private Handler<Buffer> handler = data -> { };
        private Handler<Void> closeHandler = v -> { };
        private boolean paused;
        private boolean closed;

        Stream(Context loop, String address) {
            this.loop = loop;
            this.address = address;
        }

        @Override
        public void handler(Handler<Buffer> handler) {
            this.handler = handler;
        }

        @Override
        public void closeHandler(Handler<Void> handler) {
            this.closeHandler = handler;
        }

        @Override
        public void exceptionHandler(Handler<Throwable> handler) {
            // nothing fails in memory
        }

        @Override
        public void write(Buffer data) {
            if (!closed) {
                peer.received(data);
            }
        }

        @Override
        public void end(Buffer data) {
            write(data);
            close();
        }

        @Override
        public void close() {
            if (!closed) {
                peer.closedByClient.countDown();
                closedNow();
            }
        }

        private void closedNow() {
            closed = true;
            open.remove(this);
            loop.runOnContext(v -> closeHandler.handle(null)); // a socket reports its close later, too
        }

        /** On the loop: bytes from the broker. */
        private void deliver(Buffer data) {
            if (closed) {
                return;
            }
            if (paused) {
                held.add(data);
            } else {
                handler.handle(data);
            }
        }

        @Override
        public boolean writeQueueFull() {
            return false;
        }

        @Override
        public void drainHandler(Handler<Void> handler) {
            // never full
        }

        @Override
        public void pause() {
            paused = true;
        }

        @Override
        public void resume() {
            paused = false;
            while (!paused && !closed && !held.isEmpty()) {
                handler.handle(held.poll());
            }
        }

        @Override
        public String remoteAddress() {
            return address;
        }

        @Override
        public String listenerName() {
            return "in-memory";
        }
    }

    /** The broker's end, driven by the test thread: read what the client sent, answer anything. */
    static final class Peer {

        private final Stream stream;
        private final MqttDecoder decoder = new MqttDecoder(MqttDecoder.PROTOCOL_MAX_PACKET_SIZE);
        private final BlockingQueue<MqttPacket> fromClient = new LinkedBlockingQueue<>();
        private final AtomicReference<DecodeError> malformed = new AtomicReference<>();
        private final CountDownLatch closedByClient = new CountDownLatch(1);

        private Peer(Stream stream) {
            this.stream = stream;
        }

        /** On the client's loop. */
        private void received(Buffer data) {
            decoder.feed(data, new PacketSink() {
                @Override
                public void packet(MqttPacket packet) {
                    fromClient.add(packet);
                }

                @Override
                public void error(DecodeError error) {
                    malformed.compareAndSet(null, error);
                }
            });
        }

        /** The next packet from the client; fails the test after the timeout or on a malformed one. */
        MqttPacket read() throws InterruptedException {
            MqttPacket packet = fromClient.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (malformed.get() != null) {
                throw new AssertionError("client sent a malformed packet: " + malformed.get());
            }
            if (packet == null) {
                throw new AssertionError("client sent nothing within " + TIMEOUT);
            }
            return packet;
        }

        @SuppressWarnings("unchecked")
        <T extends MqttPacket> T read(Class<T> type) throws InterruptedException {
            MqttPacket packet = read();
            if (!type.isInstance(packet)) {
                throw new AssertionError("expected " + type.getSimpleName() + ", client sent " + packet);
            }
            return (T) packet;
        }

        Peer send(MqttPacket packet) {
            Buffer bytes = MqttEncoder.encode(packet, ProtocolVersion.MQTT_3_1_1);
            stream.loop.runOnContext(v -> stream.deliver(bytes));
            return this;
        }

        /** The broker closes the stream, or the network loses it. */
        void drop() {
            stream.loop.runOnContext(v -> {
                if (!stream.closed) {
                    stream.closedNow();
                }
            });
        }

        /** Waits for the client to close its end. */
        boolean closedByClient() throws InterruptedException {
            return closedByClient.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
    }
}
