package io.opifex.cli;

import io.opifex.client.MqttClient;
import io.opifex.codec.Topics;
import io.opifex.codec.packet.QoS;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pub}: publish a message, a file or stdin, with the flags of mosquitto_pub. */
@Command(name = "pub", sortOptions = false, description = "Publish to an MQTT broker (flags as in mosquitto_pub).",
        footer = "Exit codes: 0 published, 1 connection or protocol failure, 2 bad flags, 3 CONNACK refusal,"
                + " 4 timeout.")
public class PubCommand implements Callable<Integer> {

    /** Publishes from -l allowed to wait for their acknowledgement at once; the client's window limits the wire. */
    private static final int MAX_PENDING_LINES = 1000;

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "-t", paramLabel = "TOPIC", required = true, description = "Topic to publish to.")
    String topic;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(names = "-q", paramLabel = "QOS", defaultValue = "0", description = "QoS 0, 1 or 2 (${DEFAULT-VALUE}).")
    int qos;

    @Option(names = "-r", description = "Retain the message.")
    boolean retain;

    @Inject
    Vertx vertx;

    static class Source {
        @Option(names = "-m", paramLabel = "MESSAGE", description = "The message.")
        String message;

        @Option(names = "-f", paramLabel = "FILE", description = "Send the contents of FILE as the message.")
        Path file;

        @Option(names = "-l", description = "Send each line of stdin as a message.")
        boolean lines;

        @Option(names = "-n", description = "Send an empty (null) message.")
        boolean empty;

        @Option(names = "-s", description = "Send all of stdin as one message.")
        boolean stdin;
    }

    @Override
    public Integer call() throws Exception {
        QoS level = connection.qos(qos, "-q");
        String violation = Topics.validateTopicName(topic);
        if (violation != null) {
            throw connection.usage("-t " + topic + " is no valid topic name: " + violation);
        }
        byte[] payload;
        try {
            payload = singlePayload();
        } catch (IOException e) {
            return ClientRuns.report(new IOException("cannot read " + source.file + ": " + e.getMessage(), e),
                    spec.commandLine().getErr());
        }
        MqttClient client = ClientRuns.client(vertx, connection.toOptions().build());
        try {
            ClientRuns.await(client.connect(), connection.timeout());
            if (source.lines) {
                publishLines(client, level);
            } else {
                ClientRuns.await(client.publish(topic, payload, level, retain), connection.timeout());
            }
            return ExitCodes.OK;
        } catch (Exception e) {
            return ClientRuns.report(e, spec.commandLine().getErr());
        } finally {
            ClientRuns.disconnectQuietly(client);
        }
    }

    /** @return the one message to send, or null with -l */
    private byte[] singlePayload() throws IOException {
        if (source.message != null) {
            return source.message.getBytes(StandardCharsets.UTF_8);
        }
        if (source.file != null) {
            return Files.readAllBytes(source.file);
        }
        if (source.stdin) {
            return System.in.readAllBytes();
        }
        return source.empty ? new byte[0] : null;
    }

    private void publishLines(MqttClient client, QoS level) throws Exception {
        ArrayDeque<Future<Void>> pending = new ArrayDeque<>();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            pending.add(client.publish(topic, line.getBytes(StandardCharsets.UTF_8), level, retain));
            if (pending.size() >= MAX_PENDING_LINES) {
                ClientRuns.await(pending.poll(), connection.timeout());
            }
        }
        while (!pending.isEmpty()) {
            ClientRuns.await(pending.poll(), connection.timeout());
        }
    }
}
