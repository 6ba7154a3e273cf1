package io.opifex.bench;

import io.opifex.codec.packet.QoS;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench}: drives any MQTT 3.1.1 broker and reports throughput, loss, ordering, end-to-end latency and,
 * given its PID, the broker's CPU and memory. Progress goes to stderr once a second; the last stdout line is
 * {@code key=value} pairs. Runs from {@link BenchMain} or as a subcommand of a picocli top command.
 *
 * <p>Exit codes: 0 done, 1 the run failed, 2 bad options, 3 broker unreachable or refusing, 4 hard timeout.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Load generator for MQTT 3.1.1 brokers (publishers, subscribers, idle connections).")
public class BenchCommand implements Callable<Integer> {

    @Option(names = {"-H", "--host"}, defaultValue = "127.0.0.1", description = "Broker host (default ${DEFAULT-VALUE}).")
    String host;

    @Option(names = {"-p", "--port"}, defaultValue = "1883", description = "Broker port (default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--layout", defaultValue = "fan-in", converter = LayoutConverter.class,
            description = "fan-in (P -> 1 topic -> S), fan-out (1 -> S), pairs (i -> topic i -> i) or idle "
                    + "(default ${DEFAULT-VALUE}).")
    Layout layout;

    @Option(names = {"-P", "--publishers"}, defaultValue = "1", description = "Publishers (pairs: the pair count).")
    int publishers;

    @Option(names = {"-S", "--subscribers"}, defaultValue = "1", description = "Subscribers.")
    int subscribers;

    @Option(names = {"-n", "--connections"}, defaultValue = "1000", description = "Idle connections (idle layout).")
    int connections;

    @Option(names = {"-q", "--qos"}, defaultValue = "0", description = "QoS 0, 1 or 2.")
    int qos;

    @Option(names = {"-s", "--payload"}, defaultValue = "64", description = "Payload bytes, at least 20.")
    int payload;

    @Option(names = {"-r", "--rate"}, defaultValue = "0",
            description = "Messages per second per publisher; 0 = unlimited (window/back-pressure bound).")
    double rate;

    @Option(names = {"-w", "--inflight"}, defaultValue = "16",
            description = "Unacknowledged QoS 1/2 messages per publisher.")
    int inflight;

    @Option(names = "--warmup", defaultValue = "2", description = "Warm-up seconds (sent, not measured).")
    double warmup;

    @Option(names = {"-d", "--duration"}, defaultValue = "10", description = "Measured seconds (idle: hold time).")
    double duration;

    @Option(names = "--drain", defaultValue = "5", description = "Seconds at most to wait for stragglers.")
    double drain;

    @Option(names = {"-k", "--keep-alive"}, defaultValue = "60", description = "Keep-alive seconds in CONNECT.")
    int keepAlive;

    @Option(names = "--connect-concurrency", defaultValue = "100", description = "Handshakes in progress at once.")
    int connectConcurrency;

    @Option(names = "--connect-timeout", defaultValue = "10000", description = "TCP connect timeout, ms.")
    int connectTimeout;

    @Option(names = "--source-addresses", defaultValue = "0",
            description = "Bind connections round-robin to this many loopback addresses (0 = let the OS choose).")
    int sourceAddresses;

    @Option(names = "--source-first", defaultValue = "127.0.0.1", description = "First source address.")
    String sourceFirst;

    @Option(names = {"-t", "--threads"}, defaultValue = "2", description = "Event loops of the load generator.")
    int threads;

    @Option(names = "--broker-pid", defaultValue = "0", description = "Broker PID for CPU and RSS from /proc.")
    long brokerPid;

    @Option(names = "--timeout", defaultValue = "0",
            description = "Hard timeout in seconds (default: derived from the phases).")
    double timeout;

    @Option(names = "--label", description = "Copied into the result line.")
    String label;

    @Override
    public Integer call() {
        BenchConfig config;
        try {
            List<String> sources = sourceAddresses > 0 ? BenchConfig.loopbackAddresses(sourceAddresses, sourceFirst)
                    : List.of();
            config = new BenchConfig(host, port, layout, publishers, subscribers, connections, QoS.of(qos), payload,
                    rate, inflight, warmup, duration, drain, keepAlive, connectConcurrency, connectTimeout, sources,
                    threads, brokerPid, timeout, label);
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            return 2;
        }
        return run(config);
    }

    /** Runs {@code config} under its hard timeout and prints the result line; returns the exit code. */
    public static int run(BenchConfig config) {
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "bench-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        watchdog.schedule(() -> {
            System.err.printf(Locale.ROOT, "bench: hard timeout after %.0f s%n", config.hardTimeoutSeconds());
            System.out.println("status=timeout");
            System.out.flush();
            Runtime.getRuntime().halt(BenchRunner.EXIT_TIMEOUT);
        }, (long) (config.hardTimeoutSeconds() * 1000), TimeUnit.MILLISECONDS);
        try {
            BenchResult result = new BenchRunner(config, System.err).run();
            result.put("status", "ok");
            System.out.println(result.toLine());
            return 0;
        } catch (BenchRunner.UnreachableException e) {
            System.err.println("bench: " + e.getMessage());
            System.out.println("status=unreachable");
            return BenchRunner.EXIT_UNREACHABLE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            System.out.println("status=interrupted");
            return 1;
        } catch (RuntimeException e) {
            System.err.println("bench: run failed: " + e);
            System.out.println("status=failed");
            return 1;
        } finally {
            watchdog.shutdownNow();
        }
    }

    /** Lets picocli accept fan-in, fan_out, PAIRS and so on. */
    static final class LayoutConverter implements picocli.CommandLine.ITypeConverter<Layout> {
        @Override
        public Layout convert(String value) {
            return Layout.parse(value);
        }
    }
}
