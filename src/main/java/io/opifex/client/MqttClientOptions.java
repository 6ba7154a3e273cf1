package io.opifex.client;

import io.opifex.codec.packet.ProtocolVersion;
import io.opifex.codec.packet.Will;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Everything an {@link MqttClient} needs to know, immutable; build one with {@link #builder()}. Defaults suit a
 * client on a LAN: keep-alive 60 s, 10 s to connect, 30 s for any acknowledgement, reconnect on.
 */
public final class MqttClientOptions {

    /** "opifex-" and 16 hex digits: 23 characters, the longest id every 3.1.1 server must accept [MQTT-3.1.3-5]. */
    private static final String GENERATED_ID_PREFIX = "opifex-";

    private final String host;
    private final int port;
    private final String clientId;
    private final boolean cleanSession;
    private final int keepAliveSeconds;
    private final Duration pingTimeout;
    private final ProtocolVersion protocolVersion;
    private final String userName;
    private final byte[] password;
    private final Will will;
    private final int maxInflight;
    private final int maxQueuedPublishes;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final int maxPacketSize;
    private final int writeQueueHighWater;
    private final ReconnectPolicy reconnect;

    private MqttClientOptions(Builder b) {
        host = b.host;
        port = b.port;
        clientId = b.clientId.isEmpty() ? generateClientId() : b.clientId;
        cleanSession = b.cleanSession;
        keepAliveSeconds = b.keepAliveSeconds;
        pingTimeout = b.pingTimeout != null ? b.pingTimeout
                : Duration.ofSeconds(Math.max(1, Math.min(keepAliveSeconds, 30)));
        protocolVersion = b.protocolVersion;
        userName = b.userName;
        password = b.password;
        will = b.will;
        maxInflight = b.maxInflight;
        maxQueuedPublishes = b.maxQueuedPublishes;
        connectTimeout = b.connectTimeout;
        requestTimeout = b.requestTimeout;
        maxPacketSize = b.maxPacketSize;
        writeQueueHighWater = b.writeQueueHighWater;
        reconnect = b.reconnect;
    }

    public static Builder builder() {
        return new Builder();
    }

    private static String generateClientId() {
        return GENERATED_ID_PREFIX + String.format("%016x", ThreadLocalRandom.current().nextLong());
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** The client id sent in CONNECT; generated when none was given. */
    public String clientId() {
        return clientId;
    }

    public boolean cleanSession() {
        return cleanSession;
    }

    public int keepAliveSeconds() {
        return keepAliveSeconds;
    }

    /** How long to wait for PINGRESP before the connection counts as dead. */
    public Duration pingTimeout() {
        return pingTimeout;
    }

    public ProtocolVersion protocolVersion() {
        return protocolVersion;
    }

    public String userName() {
        return userName;
    }

    public byte[] password() {
        return password == null ? null : password.clone();
    }

    public Will will() {
        return will;
    }

    public int maxInflight() {
        return maxInflight;
    }

    public int maxQueuedPublishes() {
        return maxQueuedPublishes;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public Duration requestTimeout() {
        return requestTimeout;
    }

    public int maxPacketSize() {
        return maxPacketSize;
    }

    public int writeQueueHighWater() {
        return writeQueueHighWater;
    }

    public ReconnectPolicy reconnect() {
        return reconnect;
    }

    public static final class Builder {

        private String host = "localhost";
        private int port = 1883;
        private String clientId = "";
        private boolean cleanSession = true;
        private int keepAliveSeconds = 60;
        private Duration pingTimeout;
        private ProtocolVersion protocolVersion = ProtocolVersion.MQTT_3_1_1;
        private String userName;
        private byte[] password;
        private Will will;
        private int maxInflight = 32;
        private int maxQueuedPublishes = 10_000;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofSeconds(30);
        private int maxPacketSize = 16 * 1024 * 1024;
        private int writeQueueHighWater = 1024 * 1024;
        private ReconnectPolicy reconnect = ReconnectPolicy.defaults();

        private Builder() {
        }

        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        public Builder port(int port) {
            if (port < 1 || port > 0xFFFF) {
                throw new IllegalArgumentException("port must be 1-65535, was " + port);
            }
            this.port = port;
            return this;
        }

        /** Empty (the default) generates a random id. */
        public Builder clientId(String clientId) {
            this.clientId = Objects.requireNonNull(clientId, "clientId");
            return this;
        }

        public Builder cleanSession(boolean cleanSession) {
            this.cleanSession = cleanSession;
            return this;
        }

        /** 0 turns keep-alive off. */
        public Builder keepAliveSeconds(int keepAliveSeconds) {
            if (keepAliveSeconds < 0 || keepAliveSeconds > 0xFFFF) {
                throw new IllegalArgumentException("keep-alive must be 0-65535 seconds, was " + keepAliveSeconds);
            }
            this.keepAliveSeconds = keepAliveSeconds;
            return this;
        }

        public Builder pingTimeout(Duration pingTimeout) {
            this.pingTimeout = positive(pingTimeout, "pingTimeout");
            return this;
        }

        public Builder protocolVersion(ProtocolVersion protocolVersion) {
            this.protocolVersion = Objects.requireNonNull(protocolVersion, "protocolVersion");
            return this;
        }

        public Builder credentials(String userName, String password) {
            return credentials(userName, password == null ? null
                    : password.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        /** A password needs a user name [MQTT-3.1.2-22]. */
        public Builder credentials(String userName, byte[] password) {
            if (password != null && userName == null) {
                throw new IllegalArgumentException("[MQTT-3.1.2-22] a password needs a user name");
            }
            this.userName = userName;
            this.password = password == null ? null : password.clone();
            return this;
        }

        public Builder will(Will will) {
            this.will = will;
            return this;
        }

        /** QoS 1/2 publishes sent but not yet acknowledged; more wait in the queue. */
        public Builder maxInflight(int maxInflight) {
            if (maxInflight < 1 || maxInflight > 0xFFFF) {
                throw new IllegalArgumentException("maxInflight must be 1-65535, was " + maxInflight);
            }
            this.maxInflight = maxInflight;
            return this;
        }

        /** QoS 1/2 publishes waiting for a place in the window; one more fails with PublishQueueFullException. */
        public Builder maxQueuedPublishes(int maxQueuedPublishes) {
            if (maxQueuedPublishes < 0) {
                throw new IllegalArgumentException("maxQueuedPublishes must be >= 0, was " + maxQueuedPublishes);
            }
            this.maxQueuedPublishes = maxQueuedPublishes;
            return this;
        }

        /** Bounds opening the connector's stream (the TCP connect) and, separately, the wait for CONNACK. */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = positive(connectTimeout, "connectTimeout");
            return this;
        }

        /** Bounds every publish, subscribe and unsubscribe future, counted from the call. */
        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = positive(requestTimeout, "requestTimeout");
            return this;
        }

        /** The largest packet accepted from the broker; a larger one is a protocol violation. */
        public Builder maxPacketSize(int maxPacketSize) {
            if (maxPacketSize < 2 || maxPacketSize > io.opifex.codec.MqttDecoder.PROTOCOL_MAX_PACKET_SIZE) {
                throw new IllegalArgumentException("maxPacketSize out of range: " + maxPacketSize);
            }
            this.maxPacketSize = maxPacketSize;
            return this;
        }

        /** Bytes queued to the stream before the client waits for it to drain. */
        public Builder writeQueueHighWater(int bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("writeQueueHighWater must be positive");
            }
            this.writeQueueHighWater = bytes;
            return this;
        }

        public Builder reconnect(ReconnectPolicy reconnect) {
            this.reconnect = Objects.requireNonNull(reconnect, "reconnect");
            return this;
        }

        public MqttClientOptions build() {
            if (!cleanSession && clientId.isEmpty()) {
                // [MQTT-3.1.3-7]: a resumable session needs a stable id, a generated one would never resume
                throw new IllegalArgumentException("[MQTT-3.1.3-7] a persistent session (clean session 0) "
                        + "needs a client id");
            }
            return new MqttClientOptions(this);
        }

        private static Duration positive(Duration duration, String name) {
            if (duration == null || duration.isZero() || duration.isNegative()) {
                throw new IllegalArgumentException(name + " must be positive, was " + duration);
            }
            return duration;
        }
    }
}
