package io.opifex.connection.tcp;

import io.opifex.connection.Connector;
import io.opifex.connection.Transport;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A client's MQTT over plain TCP, through a Vert.x {@link NetClient} created on first use. */
public final class TcpConnector implements Connector {

    /** What a client's connections are called in logs and metrics, where the server's name their listener. */
    public static final String TRANSPORT_NAME = "client";

    private final Vertx vertx;
    /** Vert.x 4 fixes the connect timeout per NetClient: one for each timeout asked for (a client asks for one). */
    private final Map<Duration, NetClient> netClients = new ConcurrentHashMap<>();

    public TcpConnector(Vertx vertx) {
        this.vertx = vertx;
    }

    @Override
    public Future<Transport> connect(String host, int port, Duration timeout, int writeQueueHighWater) {
        NetClient netClient = netClients.computeIfAbsent(timeout, t -> vertx.createNetClient(new NetClientOptions()
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, t.toMillis()))
                .setTcpNoDelay(true))); // MQTT packets are small and latency-sensitive
        return netClient.connect(port, host)
                .map(socket -> new TcpTransport(socket, TRANSPORT_NAME, writeQueueHighWater));
    }

    @Override
    public Future<Void> close() {
        List<Future<Void>> closing = new ArrayList<>();
        for (Duration timeout : List.copyOf(netClients.keySet())) {
            NetClient netClient = netClients.remove(timeout);
            if (netClient != null) {
                closing.add(netClient.close());
            }
        }
        return Future.all(closing).mapEmpty();
    }
}
