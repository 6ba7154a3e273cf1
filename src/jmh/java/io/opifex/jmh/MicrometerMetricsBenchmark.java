package io.opifex.jmh;

import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.opifex.codec.packet.PacketType;
import io.opifex.codec.packet.QoS;
import io.opifex.observability.MicrometerMetrics;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The meters the broker updates per packet and per delivery, registered as in the application: through a
 * composite registry (Quarkus injects {@code Metrics.globalRegistry}) holding the Prometheus one that
 * {@code /q/metrics} scrapes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MicrometerMetricsBenchmark {

    /** A plausible delivery latency: 250 µs. */
    private static final long LATENCY_NANOS = 250_000;
    private static final int PUBLISH_BYTES = 80;

    private PrometheusMeterRegistry prometheus;
    private MicrometerMetrics meters;

    @Setup
    public void setUp() {
        prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        CompositeMeterRegistry composite = new CompositeMeterRegistry();
        composite.add(prometheus);
        meters = new MicrometerMetrics(composite);
    }

    @TearDown
    public void tearDown() {
        if (!prometheus.scrape().contains("opifex_delivery_latency_seconds_bucket{")) {
            throw new IllegalStateException("the latency histogram is not exported");
        }
        prometheus.close();
    }

    /** The delivery counter and latency timer: the first copy of a message written on an event loop. */
    @Benchmark
    public void messageSent() {
        meters.messageSent(QoS.AT_LEAST_ONCE, LATENCY_NANOS);
    }

    /** The delivery counter alone: every further copy of a fan-out on the same loop (its latency is not timed). */
    @Benchmark
    public void copySent() {
        meters.messageSent(QoS.AT_LEAST_ONCE, -1);
    }

    /** Once per packet written: the packet counter and the byte counter. */
    @Benchmark
    public void packetSent() {
        meters.packetSent(PacketType.PUBLISH);
        meters.bytesSent(PUBLISH_BYTES);
    }

    /** Everything one QoS 1 delivery records. */
    @Benchmark
    public void delivery() {
        meters.messageSent(QoS.AT_LEAST_ONCE, LATENCY_NANOS);
        meters.packetSent(PacketType.PUBLISH);
        meters.bytesSent(PUBLISH_BYTES);
    }
}
