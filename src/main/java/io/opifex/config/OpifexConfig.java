package io.opifex.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** Everything an operator can set, under {@code opifex.*}; each default says why it is what it is. */
@ConfigMapping(prefix = "opifex")
public interface OpifexConfig {

    Tcp tcp();

    Limits limits();

    Sys sys();

    Shutdown shutdown();

    Health health();

    Store store();

    /** Publish and subscribe rules, evaluated in order; the first matching rule decides, no match allows. */
    List<AuthorizationRule> authorization();

    interface Tcp {
        /** Address of the MQTT listener; all interfaces by default, as a container expects. */
        @WithDefault("0.0.0.0")
        String host();

        /** 1883 is the IANA port for MQTT over TCP. */
        @WithDefault("1883")
        int port();

        /** Listener verticles, one per event loop by default so every core accepts and serves connections. */
        OptionalInt instances();
    }

    interface Limits {
        /** 1 MiB covers telemetry and small files; the protocol allows 256 MiB, which one client could use to exhaust memory. */
        @WithDefault("1048576")
        int maxPacketSize();

        /** A socket that sends no CONNECT in this time holds a slot for nothing [MQTT-3.1.4-1 allows closing it]. */
        @WithDefault("10s")
        Duration connectTimeout();

        /** 3.1.1 servers must accept 23 characters [MQTT-3.1.3-5]; 256 admits UUIDs and device paths without abuse. */
        @WithDefault("256")
        int maxClientIdLength();

        /** Beyond this, new connections get CONNACK 0x03 (server unavailable) instead of exhausting memory. */
        @WithDefault("100000")
        int maxConnections();

        /** Outbound QoS 1/2 messages awaiting acknowledgement per client: bounds redelivery work and memory. */
        @WithDefault("32")
        int maxInflight();

        /** Messages kept per session while offline or while its in-flight window is full; the rest are dropped and counted. */
        @WithDefault("1000")
        int maxQueuedMessages();

        /** Topic names and filters longer than this are refused; the protocol allows 65535 bytes. */
        @WithDefault("1024")
        int maxTopicLength();

        /** Topic levels beyond this are refused: deep trees cost memory and matching time. */
        @WithDefault("32")
        int maxTopicLevels();

        /** Subscriptions per client beyond this get SUBACK 0x80. */
        @WithDefault("1000")
        int maxSubscriptionsPerClient();

        /**
         * A QoS 1/2 publisher whose subscribers' queues are filling is not read for up to this long, so accepted
         * messages wait at the publisher instead of being dropped at the queue limit.
         */
        @WithDefault("1s")
        Duration maxPublisherPause();

        /** Bytes waiting in a socket's write queue before the broker stops reading from it and sheds QoS 0 to it. */
        @WithDefault("1048576")
        int writeQueueHighWater();
    }

    interface Sys {
        /** $SYS/broker/... statistics, as Mosquitto publishes them. */
        @WithDefault("true")
        boolean enabled();

        /** How often the $SYS topics are republished. */
        @WithDefault("10s")
        Duration interval();
    }

    interface Shutdown {
        /** Upper bound for a graceful drain on SIGTERM; Kubernetes' terminationGracePeriodSeconds must exceed it. */
        @WithDefault("30s")
        Duration drainTimeout();

        /** Clients disconnected per second while draining, so that they do not all reconnect elsewhere at once. */
        @WithDefault("500")
        int disconnectRate();
    }

    interface Health {
        /** An event loop silent this long is blocked: liveness fails so Kubernetes restarts the pod. */
        @WithDefault("10s")
        Duration blockedLoopThreshold();

        /** How often each event loop beats; well under the threshold. */
        @WithDefault("1s")
        Duration heartbeatInterval();
    }

    interface Store {
        /**
         * Where persistent sessions and retained messages are kept. {@code memory}, the heap, is the only backend
         * today: they survive a client's reconnect, not a restart of the broker.
         */
        @WithDefault("memory")
        Type type();

        enum Type { MEMORY }
    }

    interface AuthorizationRule {
        /** allow or deny. */
        Permission permission();

        /** publish, subscribe, or both. */
        @WithDefault("both")
        Action action();

        /** The topic filter the rule covers, wildcards allowed. */
        @WithName("topic")
        String topicFilter();

        /** Restrict the rule to one client id; absent means every client. */
        Optional<String> clientId();

        enum Permission { ALLOW, DENY }

        enum Action { PUBLISH, SUBSCRIBE, BOTH }
    }
}
