package io.opifex.app;

import io.micrometer.core.instrument.MeterRegistry;
import io.opifex.config.OpifexConfig;
import io.opifex.connection.ConnectionSettings;
import io.opifex.connection.tcp.TcpListeners;
import io.opifex.observability.BrokerMeters;
import io.opifex.server.Broker;
import io.opifex.server.BrokerSettings;
import io.opifex.server.SysTopics;
import io.opifex.server.auth.AuthorizationRule;
import io.opifex.server.auth.Authorizer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
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

    private final Vertx vertx;
    private final OpifexConfig config;
    private final MeterRegistry registry;
    private TcpListeners listeners;
    private volatile Broker broker;
    private volatile int port = -1;
    private SysTopics sysTopics;

    @ConfigProperty(name = "quarkus.application.version", defaultValue = "dev")
    String version;

    public BrokerService(Vertx vertx, OpifexConfig config, MeterRegistry registry) {
        this.vertx = vertx;
        this.config = config;
        this.registry = registry;
    }

    void start(@Observes StartupEvent event) throws Exception {
        BrokerMeters meters = new BrokerMeters(registry);
        broker = new Broker(brokerSettings(), meters, authorizer());
        meters.bindState(broker);
        OpifexConfig.Limits limits = config.limits();
        ConnectionSettings connectionSettings = new ConnectionSettings(limits.maxPacketSize(),
                limits.connectTimeout(), limits.writeQueueHighWater());
        int instances = config.tcp().instances().orElse(VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE);
        String host = config.tcp().host();
        // start-up runs on the main thread, never on an event loop: waiting here blocks no loop
        listeners = TcpListeners.deploy(vertx, host, config.tcp().port(), instances, connectionSettings, meters,
                        broker::accept)
                .toCompletionStage().toCompletableFuture().get(BIND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        port = listeners.port();
        LOG.infof("Opifex MQTT listener on %s:%d (%d event loops)", host, port, instances);
        if (config.sys().enabled()) {
            sysTopics = new SysTopics(broker, version);
            sysTopics.start(vertx, config.sys().interval());
        }
    }

    void stop(@Observes ShutdownEvent event) {
        LOG.info("Opifex stopping");
        if (sysTopics != null) {
            sysTopics.stop(vertx);
        }
    }

    private BrokerSettings brokerSettings() {
        OpifexConfig.Limits limits = config.limits();
        return new BrokerSettings(limits.maxConnections(), limits.maxClientIdLength(), limits.maxInflight(),
                limits.maxQueuedMessages(), limits.maxTopicLength(), limits.maxTopicLevels(),
                limits.maxSubscriptionsPerClient());
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

    public boolean isListening() {
        return port > 0;
    }
}
