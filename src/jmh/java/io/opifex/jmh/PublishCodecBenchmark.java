package io.opifex.jmh;

import io.opifex.codec.DecodeError;
import io.opifex.codec.MqttDecoder;
import io.opifex.codec.MqttEncoder;
import io.opifex.codec.PacketSink;
import io.opifex.codec.packet.MqttPacket;
import io.opifex.codec.packet.ProtocolVersion;
import io.opifex.codec.packet.Publish;
import io.opifex.codec.packet.QoS;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * PUBLISH through the codec: decode of one whole packet (the common case: a read holds whole packets), decode of
 * a read holding 16 packets, and encode into a new buffer and into a reused one.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PublishCodecBenchmark {

    private static final int BATCH = 16;
    /** The version of the connection the packets travel on, as the broker's connections have it. */
    private static final ProtocolVersion VERSION = ProtocolVersion.MQTT_3_1_1;

    @Param({"64", "1024"})
    int payloadSize;

    @Param({"0", "1"})
    int qos;

    private Publish publish;
    private Buffer one;
    private Buffer batch;
    private ByteBuf reusedBytes;
    private Buffer reused;
    private MqttDecoder decoder;
    private BlackholeSink sink;

    @Setup
    public void setUp(Blackhole blackhole) {
        publish = new Publish("sensors/building-7/floor-3/room-12/temperature", QoS.of(qos), false, false,
                qos == 0 ? 0 : 42, new byte[payloadSize]);
        one = MqttEncoder.encode(publish, VERSION);
        batch = Buffer.buffer();
        for (int i = 0; i < BATCH; i++) {
            MqttEncoder.encode(publish, VERSION, batch);
        }
        reusedBytes = Unpooled.buffer(one.length() * 2);
        reused = Buffer.buffer(reusedBytes); // wraps, so clearing the ByteBuf empties the Buffer
        encodeReusedBuffer();
        encodeReusedBuffer();
        if (reused.length() != one.length()) {
            throw new IllegalStateException("the reused buffer is not reset by clear()");
        }
        decoder = new MqttDecoder(MqttDecoder.PROTOCOL_MAX_PACKET_SIZE);
        decoder.protocolVersion(VERSION);
        sink = new BlackholeSink(blackhole);
    }

    @Benchmark
    public void decodeOne() {
        decoder.feed(one, sink);
    }

    /** Per read of 16 packets; divide by 16 for the cost per packet. */
    @Benchmark
    public void decodeBatchOf16() {
        decoder.feed(batch, sink);
    }

    @Benchmark
    public Buffer encodeNewBuffer() {
        return MqttEncoder.encode(publish, VERSION);
    }

    @Benchmark
    public Buffer encodeReusedBuffer() {
        reusedBytes.clear();
        MqttEncoder.encode(publish, VERSION, reused);
        return reused;
    }

    /** Re-addresses the message for a subscriber (QoS and packet id), then encodes it: the broker's fan-out step. */
    @Benchmark
    public Buffer redeliverAndEncode() {
        return MqttEncoder.encode(publish.withDelivery(QoS.AT_LEAST_ONCE, 7, false, false), VERSION);
    }

    static final class BlackholeSink implements PacketSink {
        private final Blackhole blackhole;

        BlackholeSink(Blackhole blackhole) {
            this.blackhole = blackhole;
        }

        @Override
        public void packet(MqttPacket packet) {
            blackhole.consume(packet);
        }

        @Override
        public void error(DecodeError error) {
            throw new IllegalStateException(error.toString());
        }
    }
}
