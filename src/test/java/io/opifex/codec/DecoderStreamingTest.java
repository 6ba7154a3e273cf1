package io.opifex.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opifex.codec.DecodeError.Reason;
import io.opifex.codec.packet.PacketType;
import io.opifex.codec.packet.Pingreq;
import io.opifex.codec.packet.ProtocolVersion;
import io.opifex.codec.packet.Publish;
import io.opifex.codec.packet.QoS;
import io.vertx.core.buffer.Buffer;
import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The decoder's behaviour over time: limits before bodies, errors once, state kept between chunks. */
class DecoderStreamingTest {

    private static final int SMALL_LIMIT = 10;

    @Test
    @DisplayName("after an error, further input is ignored and the error is not repeated")
    void ignoresInputAfterError() {
        CollectingSink sink = new CollectingSink();
        MqttDecoder decoder = new MqttDecoder(MqttDecoder.PROTOCOL_MAX_PACKET_SIZE);

        decoder.feed(Hex.buffer("c0 00 f0 00 c0 00"), sink); // PINGREQ, reserved type 15, PINGREQ
        decoder.feed(Hex.buffer("c0 00"), sink);
        decoder.feed(Hex.buffer("00 00"), sink);

        assertThat(decoder.isFailed()).isTrue();
        assertThat(sink.packets).containsExactly(Pingreq.INSTANCE);
        assertThat(sink.errors).hasSize(1);
        assertThat(sink.errors.get(0).reason()).isEqualTo(Reason.RESERVED_PACKET_TYPE);
    }

    @Test
    @DisplayName("a PUBLISH announced large and sent a few bytes at a time holds what arrived, not what was announced")
    void allocatesWithArrivingBytesNotAnnouncedLength() {
        CollectingSink sink = new CollectingSink();
        MqttDecoder decoder = new MqttDecoder(MqttDecoder.PROTOCOL_MAX_PACKET_SIZE);
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long threadId = Thread.currentThread().getId();
        Buffer header = Hex.buffer("30 ff ff 7f 00 01 74"); // PUBLISH, 2,097,151 bytes announced, topic "t"
        Buffer tenBytes = Buffer.buffer(new byte[10]);
        decoder.feed(header, sink); // warm up the code path outside the measured window
        decoder = new MqttDecoder(MqttDecoder.PROTOCOL_MAX_PACKET_SIZE);

        long before = threads.getThreadAllocatedBytes(threadId);
        decoder.feed(header, sink);
        decoder.feed(tenBytes, sink);
        long allocated = threads.getThreadAllocatedBytes(threadId) - before;

        assertThat(sink.packets).isEmpty();
        assertThat(sink.errors).isEmpty();
        assertThat(allocated).as("bytes allocated for 17 bytes of a 2 MiB PUBLISH").isLessThan(64 * 1024);
    }

    @Test
    @DisplayName("a spanning PUBLISH payload grown chunk by chunk arrives whole and exact")
    void growsSpanningPayloadToItsExactLength() {
        CollectingSink sink = new CollectingSink();
        MqttDecoder decoder = new MqttDecoder(MqttDecoder.PROTOCOL_MAX_PACKET_SIZE);
        byte[] payload = new byte[100_003];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (i * 31);
        }
        Buffer packet = MqttEncoder.encode(new Publish("t", QoS.AT_MOST_ONCE, false, false, 0, payload),
                ProtocolVersion.MQTT_3_1_1);

        for (int offset = 0; offset < packet.length(); offset += 777) {
            decoder.feed(packet.getBuffer(offset, Math.min(packet.length(), offset + 777)), sink);
        }

        assertThat(sink.errors).isEmpty();
        assertThat(sink.packets).singleElement().isInstanceOfSatisfying(Publish.class,
                publish -> assertThat(publish.payload()).hasSize(payload.length).isEqualTo(payload));
    }

    @Test
    @DisplayName("a fresh decoder has not failed")
    void startsHealthy() {
        MqttDecoder decoder = new MqttDecoder(SMALL_LIMIT);
        CollectingSink sink = new CollectingSink();

        decoder.feed(Hex.buffer("c0 00"), sink);

        assertThat(decoder.isFailed()).isFalse();
        assertThat(sink.packets).containsExactly(Pingreq.INSTANCE);
    }

    @Test
    @DisplayName("a remaining length over the limit is reported as soon as its last byte arrives, before any body")
    void reportsTooLargeBeforeBody() {
        CollectingSink sink = new CollectingSink();
        MqttDecoder decoder = new MqttDecoder(SMALL_LIMIT);

        decoder.feed(Hex.buffer("30"), sink);
        assertThat(sink.errors).isEmpty();
        decoder.feed(Hex.buffer("0b"), sink); // 11 > 10: no body byte has arrived

        assertThat(decoder.isFailed()).isTrue();
        assertThat(sink.errors).singleElement().satisfies(error -> {
            assertThat(error.reason()).isEqualTo(Reason.PACKET_TOO_LARGE);
            assertThat(error.packetType()).isEqualTo(PacketType.PUBLISH);
        });
    }

    @Test
    @DisplayName("a multi-byte remaining length over the limit is reported on its last length byte")
    void reportsTooLargeMultiByteLength() {
        CollectingSink sink = new CollectingSink();
        MqttDecoder decoder = new MqttDecoder(1_000);

        decoder.feed(Hex.buffer("30 80"), sink);
        assertThat(sink.errors).isEmpty();
        decoder.feed(Hex.buffer("80 01"), sink); // 16384

        assertThat(sink.errors).extracting(DecodeError::reason).containsExactly(Reason.PACKET_TOO_LARGE);
    }

    @Test
    @DisplayName("a packet exactly at the limit is accepted")
    void acceptsPacketAtLimit() {
        CollectingSink sink = new CollectingSink();
        MqttDecoder decoder = new MqttDecoder(7);

        decoder.feed(Hex.buffer("30 07 00 03 61 2f 62 68 69"), sink);

        assertThat(sink.errors).isEmpty();
        assertThat(sink.packets).hasSize(1);
    }

    @Test
    @DisplayName("a bad topic in a PUBLISH spanning chunks is reported before its payload arrives")
    void reportsBadTopicBeforePayload() {
        CollectingSink sink = new CollectingSink();
        MqttDecoder decoder = new MqttDecoder(MqttDecoder.PROTOCOL_MAX_PACKET_SIZE);

        decoder.feed(Hex.buffer("30 e8 07 00 01 23"), sink); // 1000-byte body, topic "#"

        assertThat(sink.errors).extracting(DecodeError::specId).containsExactly("MQTT-3.3.2-2");
    }

    @Test
    @DisplayName("packets before an error in the same chunk are delivered, in order, before the error")
    void deliversPacketsBeforeError() {
        CollectingSink sink = new CollectingSink();

        new MqttDecoder(SMALL_LIMIT).feed(Hex.buffer("c0 00 c0 00 c0 01 00"), sink);

        assertThat(sink.packets).containsExactly(Pingreq.INSTANCE, Pingreq.INSTANCE);
        assertThat(sink.errors).extracting(DecodeError::reason).containsExactly(Reason.LENGTH_MISMATCH);
    }

    @Test
    @DisplayName("a decoded payload does not share memory with the chunk it came from")
    void payloadIsIndependentOfChunk() {
        Buffer chunk = Hex.buffer("30 07 00 03 61 2f 62 68 69");
        CollectingSink sink = new CollectingSink();
        new MqttDecoder(SMALL_LIMIT).feed(chunk, sink);

        chunk.setByte(7, (byte) 0);

        assertThat(((Publish) sink.packets.get(0)).payload()).containsExactly(0x68, 0x69);
    }

    @Test
    @DisplayName("the maximum packet size must be 0 to 268,435,455")
    void refusesImpossibleLimits() {
        assertThatThrownBy(() -> new MqttDecoder(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MqttDecoder(MqttDecoder.PROTOCOL_MAX_PACKET_SIZE + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
