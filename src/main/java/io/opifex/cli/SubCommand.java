package io.opifex.cli;

import io.opifex.client.MqttClient;
import io.opifex.client.ReceivedMessage;
import io.opifex.client.ReconnectPolicy;
import io.opifex.codec.Topics;
import io.opifex.codec.packet.QoS;
import io.opifex.codec.packet.ReasonCode;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sub}: print what arrives on the topics, with the flags of mosquitto_sub. */
@Command(name = "sub", sortOptions = false, description = "Subscribe and print messages (flags as in mosquitto_sub).",
        footer = "Exit codes: 0 done, 1 connection or protocol failure, 2 bad flags, 3 CONNACK refusal,"
                + " 4 timeout (-W ended before -C messages arrived).")
public class SubCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "-t", paramLabel = "TOPIC", required = true, description = "Topic filter; repeat for more.")
    List<String> filters;

    @Option(names = "-q", paramLabel = "QOS", defaultValue = "0", description = "QoS 0, 1 or 2 (${DEFAULT-VALUE}).")
    int qos;

    @Option(names = "-v", description = "Print the topic before each payload.")
    boolean verbose;

    @Option(names = "-C", paramLabel = "COUNT", description = "Exit after COUNT messages.")
    Integer count;

    @Option(names = "-W", paramLabel = "SECONDS", description = "Exit after SECONDS.")
    Integer seconds;

    @Option(names = "-c", description = "Persistent session (clean session 0); needs -i.")
    boolean persistent;

    @Option(names = "-N", description = "No newline after each payload.")
    boolean noNewline;

    @Option(names = "-R", description = "Skip retained messages (stale on arrival).")
    boolean skipRetained;

    @Inject
    Vertx vertx;

    @Override
    public Integer call() throws Exception {
        Map<String, QoS> subscriptions = subscriptions();
        if (count != null && count < 1) {
            throw connection.usage("-C must be at least 1, was " + count);
        }
        if (seconds != null && seconds < 1) {
            throw connection.usage("-W must be at least 1 second, was " + seconds);
        }
        if (persistent && connection.clientId == null) {
            throw connection.usage("-c needs -i: a persistent session is found again by its client id");
        }
        // a subscriber rides out a broker restart: reconnect, and resubscribe when the session is gone
        MqttClient client = ClientRuns.client(vertx, connection.toOptions().cleanSession(!persistent)
                .reconnect(ReconnectPolicy.defaults()).build());
        BlockingQueue<Object> events = new LinkedBlockingQueue<>();
        client.messageHandler(events::add);
        client.closeHandler(cause -> {
            if (cause != null) {
                events.add(cause);
            }
        });
        try {
            ClientRuns.await(client.connect(), connection.timeout());
            List<Integer> granted = ClientRuns.await(client.subscribe(subscriptions), connection.timeout());
            int refused = firstRefused(granted);
            if (refused >= 0) {
                spec.commandLine().getErr().println("Error: the broker refused the subscription to "
                        + filters.get(refused));
                spec.commandLine().getErr().flush();
                return ExitCodes.CONNECTION_FAILED;
            }
            return print(events);
        } catch (Exception e) {
            return ClientRuns.report(e, spec.commandLine().getErr());
        } finally {
            ClientRuns.disconnectQuietly(client);
        }
    }

    /** @return the index of the first filter the SUBACK refused, or -1 */
    private static int firstRefused(List<Integer> codes) {
        for (int i = 0; i < codes.size(); i++) {
            if (ReasonCode.of(codes.get(i)).isError()) {
                return i;
            }
        }
        return -1;
    }

    private Map<String, QoS> subscriptions() {
        QoS level = connection.qos(qos, "-q");
        Map<String, QoS> subscriptions = new LinkedHashMap<>();
        for (String filter : filters) {
            String violation = Topics.validateTopicFilter(filter);
            if (violation != null) {
                throw connection.usage("-t " + filter + " is no valid topic filter: " + violation);
            }
            subscriptions.put(filter, level);
        }
        return subscriptions;
    }

    private int print(BlockingQueue<Object> events) throws InterruptedException {
        PrintStream out = System.out;
        long deadline = seconds == null ? Long.MAX_VALUE : System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        int printed = 0;
        while (count == null || printed < count) {
            long remaining = deadline == Long.MAX_VALUE ? Long.MAX_VALUE : deadline - System.nanoTime();
            Object event = remaining <= 0 ? null : events.poll(remaining, TimeUnit.NANOSECONDS);
            if (event == null) {
                if (count == null) {
                    return ExitCodes.OK; // -W alone: the time is up, as asked
                }
                spec.commandLine().getErr().println("Error: timed out after " + seconds + " s with " + printed
                        + " of " + count + " messages");
                spec.commandLine().getErr().flush();
                return ExitCodes.TIMEOUT;
            }
            if (event instanceof Throwable failure) {
                return ClientRuns.report(failure, spec.commandLine().getErr());
            }
            ReceivedMessage message = (ReceivedMessage) event;
            if (skipRetained && message.retain()) {
                continue;
            }
            if (verbose) {
                out.write(message.topic().getBytes(StandardCharsets.UTF_8), 0,
                        message.topic().getBytes(StandardCharsets.UTF_8).length);
                out.write(' ');
            }
            out.write(message.payload(), 0, message.payload().length);
            if (!noNewline) {
                out.write('\n');
            }
            out.flush();
            printed++;
        }
        return ExitCodes.OK;
    }
}
