package io.opifex.app;

import io.opifex.config.OpifexConfig;
import io.opifex.observability.EventLoopHeartbeat;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;
import org.eclipse.microprofile.health.Startup;

/** The three probes, each saying why it is up or down. */
public final class BrokerHealth {

    private BrokerHealth() {
    }

    /** Started: the listeners are bound. */
    @Startup
    @ApplicationScoped
    public static class Started implements HealthCheck {
        private final BrokerService service;

        public Started(BrokerService service) {
            this.service = service;
        }

        @Override
        public HealthCheckResponse call() {
            return HealthCheckResponse.named("opifex-started")
                    .status(service.isListening())
                    .withData("mqtt-port", service.port())
                    .build();
        }
    }

    /** Ready: accepting connections and not draining. Turns DOWN the moment a drain begins. */
    @Readiness
    @ApplicationScoped
    public static class Ready implements HealthCheck {
        private final BrokerService service;

        public Ready(BrokerService service) {
            this.service = service;
        }

        @Override
        public HealthCheckResponse call() {
            boolean listening = service.isListening();
            boolean draining = service.isDraining();
            return HealthCheckResponse.named("opifex-ready")
                    .status(listening && !draining)
                    .withData("listening", listening)
                    .withData("draining", draining)
                    .withData("clients-connected", service.isListening() ? service.broker().stats().clientsConnected() : 0)
                    .build();
        }
    }

    /** Live: every event loop has beaten within the threshold. Depends on nothing outside the process. */
    @Liveness
    @ApplicationScoped
    public static class Live implements HealthCheck {
        private final BrokerService service;
        private final OpifexConfig config;

        public Live(BrokerService service, OpifexConfig config) {
            this.service = service;
            this.config = config;
        }

        @Override
        public HealthCheckResponse call() {
            EventLoopHeartbeat heartbeat = service.heartbeat();
            if (heartbeat == null) {
                return HealthCheckResponse.named("opifex-event-loops").up().withData("state", "starting").build();
            }
            long silenceMillis = heartbeat.longestSilence().toMillis();
            long thresholdMillis = config.health().blockedLoopThreshold().toMillis();
            return HealthCheckResponse.named("opifex-event-loops")
                    .status(silenceMillis < thresholdMillis)
                    .withData("event-loops", heartbeat.eventLoops())
                    .withData("longest-silence-ms", silenceMillis)
                    .withData("threshold-ms", thresholdMillis)
                    .build();
        }
    }
}
