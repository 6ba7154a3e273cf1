package io.opifex.bench;

import io.opifex.codec.packet.QoS;
import java.util.ArrayList;
import java.util.List;

/**
 * One benchmark run, validated. Counts are after the layout's rules: fan-out has one publisher, pairs as many
 * subscribers as publishers, idle {@code connections} clients and no traffic.
 *
 * @param rate           messages per second per publisher, 0 for unlimited (bounded by the in-flight window at
 *                       QoS 1/2 and by TCP back-pressure at QoS 0)
 * @param sourceAddresses local addresses to bind, round-robin over connections; empty lets the OS choose
 * @param hardTimeoutSeconds the process ends (exit 4) after this, whatever happens
 */
public record BenchConfig(String host, int port, Layout layout, int publishers, int subscribers, int connections,
                          QoS qos, int payloadSize, double rate, int inflight, double warmupSeconds,
                          double durationSeconds, double drainSeconds, int keepAliveSeconds, int connectConcurrency,
                          int connectTimeoutMillis, List<String> sourceAddresses, int eventLoops, long brokerPid,
                          double hardTimeoutSeconds, String label) {

    public BenchConfig {
        if (port < 1 || port > 0xFFFF) {
            throw new IllegalArgumentException("port must be 1-65535");
        }
        if (layout == Layout.FAN_OUT) {
            publishers = 1;
        }
        if (layout == Layout.PAIRS) {
            subscribers = publishers;
        }
        if (layout != Layout.IDLE && (publishers < 1 || subscribers < 1)) {
            throw new IllegalArgumentException("at least one publisher and one subscriber");
        }
        if (layout == Layout.IDLE && connections < 1) {
            throw new IllegalArgumentException("idle needs at least one connection");
        }
        if (payloadSize < Payloads.MIN_SIZE) {
            throw new IllegalArgumentException("payload must be at least " + Payloads.MIN_SIZE
                    + " bytes (send time, publisher, sequence)");
        }
        if (inflight < 1 || rate < 0 || warmupSeconds < 0 || durationSeconds <= 0 || drainSeconds < 0
                || eventLoops < 1 || connectConcurrency < 1 || keepAliveSeconds < 0 || keepAliveSeconds > 0xFFFF) {
            throw new IllegalArgumentException("inflight, event loops and concurrency must be positive; duration "
                    + "positive; rate, warm-up and drain not negative; keep-alive 0-65535");
        }
        sourceAddresses = List.copyOf(sourceAddresses);
        if (hardTimeoutSeconds <= 0) {
            hardTimeoutSeconds = defaultHardTimeout(warmupSeconds, durationSeconds, drainSeconds,
                    layout == Layout.IDLE ? connections : publishers + subscribers, connectTimeoutMillis);
        }
    }

    /** Connecting, then the run, then draining and closing, with a generous margin for each. */
    static double defaultHardTimeout(double warmup, double duration, double drain, int clients, int connectMillis) {
        double connecting = 30 + clients / 200.0 + connectMillis / 1000.0;
        return connecting + warmup + duration + drain + 30;
    }

    /**
     * @param count addresses wanted, 0 for none
     * @param first the first one, e.g. 127.0.0.1; the following ones count up through the last two octets,
     *              skipping .0 and .255, and stay in 127.0.0.0/8 (loopback)
     */
    public static List<String> loopbackAddresses(int count, String first) {
        String[] octets = first.split("\\.");
        if (octets.length != 4 || !octets[0].equals("127")) {
            throw new IllegalArgumentException("source addresses must be loopback 127.x.y.z: " + first);
        }
        int b = Integer.parseInt(octets[1]);
        int c = Integer.parseInt(octets[2]);
        int d = Integer.parseInt(octets[3]);
        List<String> addresses = new ArrayList<>();
        while (addresses.size() < count) {
            if (d >= 1 && d <= 254) {
                addresses.add("127." + b + "." + c + "." + d);
            }
            d++;
            if (d > 254) {
                d = 1;
                c++;
                if (c > 255) {
                    c = 0;
                    b++;
                    if (b > 255) {
                        throw new IllegalArgumentException("ran out of 127.0.0.0/8 addresses");
                    }
                }
            }
        }
        return addresses;
    }

    /** Deliveries each message should make: to every subscriber, or to its one partner. */
    int fanout() {
        return layout == Layout.PAIRS ? 1 : subscribers;
    }
}
