package io.opifex.cli;

import io.opifex.client.MqttClientOptions;
import io.opifex.client.ReconnectPolicy;
import io.opifex.codec.packet.ProtocolVersion;
import io.opifex.codec.packet.QoS;
import io.opifex.codec.packet.Will;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Broker address and connection flags shared by pub and sub, spelled as in mosquitto_pub/sub. */
public class ConnectionOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "-h", paramLabel = "HOST", defaultValue = "localhost", description = "Broker host (${DEFAULT-VALUE}).")
    String host;

    @Option(names = "-p", paramLabel = "PORT", defaultValue = "1883", description = "Broker port (${DEFAULT-VALUE}).")
    int port;

    @Option(names = "-i", paramLabel = "ID", description = "Client id (default: a random one).")
    String clientId;

    @Option(names = "-u", paramLabel = "USER", description = "User name.")
    String user;

    @Option(names = "-P", paramLabel = "PASS", description = "Password (needs -u).")
    String password;

    @Option(names = "-k", paramLabel = "SECONDS", defaultValue = "60", description = "Keep-alive (${DEFAULT-VALUE}).")
    int keepAlive;

    @Option(names = "-V", paramLabel = "VERSION", defaultValue = "mqttv311",
            description = "Protocol: mqttv311 or mqttv31 (${DEFAULT-VALUE}).")
    String protocol;

    @Option(names = "--will-topic", paramLabel = "TOPIC", description = "Will topic.")
    String willTopic;

    @Option(names = "--will-payload", paramLabel = "MESSAGE", defaultValue = "", description = "Will payload.")
    String willPayload;

    @Option(names = "--will-qos", paramLabel = "QOS", defaultValue = "0", description = "Will QoS.")
    int willQos;

    @Option(names = "--will-retain", description = "Retain the will.")
    boolean willRetain;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "Time allowed to connect and for each acknowledgement (${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(names = "--help", usageHelp = true, description = "Show this help and exit.")
    boolean help;

    MqttClientOptions.Builder toOptions() {
        if (port < 1 || port > 65535) {
            throw usage("-p must be a port number (1-65535), was " + port);
        }
        if (password != null && user == null) {
            throw usage("-P needs -u: MQTT sends a password only with a user name");
        }
        if (keepAlive < 0 || keepAlive > 65535) {
            throw usage("-k must be 0-65535 seconds, was " + keepAlive);
        }
        if (timeoutSeconds < 1) {
            throw usage("--timeout must be at least 1 second");
        }
        MqttClientOptions.Builder options = MqttClientOptions.builder()
                .host(host).port(port)
                .clientId(clientId == null ? "" : clientId)
                .keepAliveSeconds(keepAlive)
                .protocolVersion(protocolVersion())
                .connectTimeout(Duration.ofSeconds(timeoutSeconds))
                .requestTimeout(Duration.ofSeconds(timeoutSeconds))
                .reconnect(ReconnectPolicy.disabled());
        if (user != null) {
            options.credentials(user, password);
        }
        if (willTopic != null) {
            options.will(new Will(willTopic, willPayload.getBytes(StandardCharsets.UTF_8), qos(willQos, "--will-qos"),
                    willRetain));
        }
        return options;
    }

    private ProtocolVersion protocolVersion() {
        return switch (protocol) {
            case "mqttv311", "311" -> ProtocolVersion.MQTT_3_1_1;
            case "mqttv31", "31" -> ProtocolVersion.MQTT_3_1;
            default -> throw usage("-V must be mqttv311 or mqttv31, was " + protocol);
        };
    }

    QoS qos(int value, String flag) {
        if (value < 0 || value > 2) {
            throw usage(flag + " must be 0, 1 or 2, was " + value);
        }
        return QoS.of(value);
    }

    Duration timeout() {
        return Duration.ofSeconds(timeoutSeconds);
    }

    ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
