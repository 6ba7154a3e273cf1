package io.opifex.app;

import io.micrometer.core.instrument.MeterRegistry;
import io.opifex.config.ConfigValidation;
import io.opifex.config.OpifexConfig;
import io.opifex.connection.ConnectionSettings;
import io.opifex.connection.Ticker;
import io.opifex.connection.tcp.TcpListenerVerticle;
import io.opifex.connection.tcp.TcpListeners;
import io.opifex.observability.MicrometerMetrics;
import io.opifex.persistence.memory.MemoryPersistence;
import io.opifex.persistence.spi.Persistence;
import io.opifex.observability.EventLoopHeartbeat;
import io.opifex.server.Broker;
import io.opifex.server.BrokerSettings;
import io.opifex.server.SysTopics;
import io.opifex.server.auth.AuthorizationRule;
import io.opifex.server.auth.Authorizer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.annotations.CommandLineArguments;
import io.quarkus.runtime.Quarkus;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** Wires the broker from configuration and runs its listeners for the life of the service. */
@ApplicationScoped
public class BrokerService {

    private static final Logger LOG = Logger.getLogger(BrokerService.class);
    /** Binding a port takes milliseconds; this only bounds a start-up that is stuck. */
    private static final long BIND_TIMEOUT_SECONDS = 30;
    /** Time beyond the drain timeout for the last closes and the listeners to finish. */
    private static final long DRAIN_SLACK_MILLIS = 2_000;

    private final Vertx vertx;
    private final OpifexConfig config;
    private final MeterRegistry registry;
    private TcpListeners listeners;
    private volatile Broker broker;
    private volatile int port = -1;
    private volatile int listenerInstances;
    private SysTopics sysTopics;
    private Future<Void> drained;
    private Persistence persistence;
    private volatile EventLoopHeartbeat heartbeat;

    @ConfigProperty(name = "quarkus.application.version", defaultValue = "dev")
    String version;

    public BrokerService(Vertx vertx, OpifexConfig config, MeterRegistry registry) {
        this.vertx = vertx;
        this.config = config;
        this.registry = registry;
    }

    /** Empty for the broker (and under @QuarkusTest); {@code pub ...} or {@code sub ...} for a client run. */
    @Inject
    @CommandLineArguments
    String[] commandLine;

    /** The broker runs only when the jar is started with no arguments at all; anything else is a client run. */
    public static boolean runsBroker(String[] args) {
        return args == null || args.length == 0;
    }

    void start(@Observes StartupEvent event) throws Exception {
        if (!runsBroker(commandLine)) {
            return; // the jar runs as a client tool: bind nothing, start nothing
        }
        ConfigValidation.check(config);
        MicrometerMetrics meters = new MicrometerMetrics(registry);
        persistence = persistence(config.store());
        broker = new Broker(brokerSettings(), meters, authorizer(), persistence);
        broker.restore(vertx).toCompletionStage().toCompletableFuture().get(BIND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        meters.bindState(broker);
        meters.registerListener(TcpListenerVerticle.LISTENER_NAME);
        meters.registerBuildInfo(version);
        OpifexConfig.Limits limits = config.limits();
        ConnectionSettings connectionSettings = new ConnectionSettings(limits.maxPacketSize(),
                limits.connectTimeout(), limits.writeQueueHighWater());
        int instances = config.tcp().instances().orElse(eventLoopCount());
        String host = config.tcp().host();
        // start-up runs on the main thread, never on an event loop: waiting here blocks no loop
        listeners = TcpListeners.deploy(vertx, host, config.tcp().port(), instances, Ticker.SYSTEM,
                        connectionSettings, meters, broker::accept)
                .toCompletionStage().toCompletableFuture().get(BIND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        port = listeners.port();
        listenerInstances = instances;
        LOG.infof("Opifex MQTT listener on %s:%d (%d event loops)", host, port, instances);
        EventLoopHeartbeat beat = new EventLoopHeartbeat(eventLoopCount(), config.health().heartbeatInterval());
        beat.start(vertx).toCompletionStage().toCompletableFuture().get(BIND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        heartbeat = beat;
        if (config.sys().enabled()) {
            sysTopics = new SysTopics(broker, version);
            sysTopics.start(vertx, config.sys().interval());
        }
    }

    /**
     * SIGTERM: readiness goes DOWN, new CONNECTs are refused, connected clients are disconnected at the configured
     * rate, persistent sessions go to the store; then the process exits with 0. Runs while the management interface
     * still answers, so the probes see the drain.
     */
    public void drainAndExit() {
        drain().onComplete(done -> Quarkus.asyncExit(0));
    }

    /** Any other shutdown path (or a second signal) still drains, bounded by the same timeout. */
    void stop(@Observes ShutdownEvent event) {
        if (broker == null) {
            return;
        }
        OpifexConfig.Shutdown shutdown = config.shutdown();
        try {
            // the shutdown thread may wait; no event loop does
            drain().toCompletionStage().toCompletableFuture()
                    .get(shutdown.drainTimeout().toMillis() + DRAIN_SLACK_MILLIS, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.warnf("drain did not complete: %s", e.toString());
        }
        if (sysTopics != null) {
            sysTopics.stop(vertx);
        }
        if (listeners != null) {
            try {
                listeners.undeploy(vertx).toCompletionStage().toCompletableFuture()
                        .get(DRAIN_SLACK_MILLIS, TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                LOG.warnf("listeners did not close cleanly: %s", e.toString());
            }
        }
        persistence.close();
        LOG.info("Opifex stopped");
    }

    /** Starts the drain once; later calls get the same outcome. */
    private synchronized Future<Void> drain() {
        if (drained == null) {
            OpifexConfig.Shutdown shutdown = config.shutdown();
            LOG.infof("Opifex draining: at most %s, %d disconnects/s", shutdown.drainTimeout(),
                    shutdown.disconnectRate());
            long started = System.nanoTime();
            drained = broker.drain(vertx, shutdown.disconnectRate(), shutdown.drainTimeout())
                    .onComplete(done -> LOG.infof("Opifex drained in %d ms",
                            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)));
        }
        return drained;
    }

    private int eventLoopCount() {
        int count = 0;
        for (var ignored : vertx.nettyEventLoopGroup()) {
            count++;
        }
        return count;
    }

    public boolean isDraining() {
        return broker != null && broker.isDraining();
    }

    /** The event loop heartbeat behind the liveness probe, once started. */
    public EventLoopHeartbeat heartbeat() {
        return heartbeat;
    }

    private BrokerSettings brokerSettings() {
        OpifexConfig.Limits limits = config.limits();
        return new BrokerSettings(limits.maxConnections(), limits.maxClientIdLength(), limits.maxInflight(),
                limits.maxQueuedMessages(), limits.maxTopicLength(), limits.maxTopicLevels(),
                limits.maxSubscriptionsPerClient(), limits.maxPublisherPause());
    }

    /** The storage backend the configuration names. */
    private static Persistence persistence(OpifexConfig.Store store) {
        return switch (store.type()) {
            case MEMORY -> new MemoryPersistence();
        };
    }

    private Authorizer authorizer() {
        List<AuthorizationRule> rules = new ArrayList<>();
        for (OpifexConfig.AuthorizationRule rule : config.authorization()) {
            rules.add(new AuthorizationRule(rule.permission() == OpifexConfig.AuthorizationRule.Permission.ALLOW,
                    AuthorizationRule.Action.valueOf(rule.action().name()), rule.topicFilter(),
                    rule.clientId().orElse(null)));
        }
        return new Authorizer(rules);
    }

    /** The broker, once started. */
    public Broker broker() {
        return broker;
    }

    /** The bound MQTT port, once started (differs from the configured one when that was 0). */
    public int port() {
        return port;
    }

    /** How many event loops accept MQTT connections (one listener verticle each), once started. */
    public int listenerInstances() {
        return listenerInstances;
    }

    public boolean isListening() {
        return port > 0;
    }
}
