package io.opifex.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.opifex.codec.WireVectors.Vector;
import io.opifex.codec.packet.MqttPacket;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** However the stream is cut into chunks, the same packets come out. */
class ChunkingTest {

    private static final String VECTORS = "io.opifex.codec.WireVectors#all";
    /** Above this size only the splits near the packet's start and end, plus a stride through the middle, are tried. */
    private static final int EXHAUSTIVE_SPLIT_LIMIT = 1_000;
    private static final int EDGE_SPLITS = 64;
    private static final int MIDDLE_STRIDE = 97;
    private static final long RANDOM_SEED = 20_240_611L;

    @ParameterizedTest(name = "{0}")
    @MethodSource(VECTORS)
    @DisplayName("split into two chunks at every offset, the vector decodes to the same packet")
    void decodesEveryTwoChunkSplit(Vector vector) {
        byte[] bytes = vector.bytes();
        for (int splitAt : splitPoints(bytes.length)) {
            CollectingSink sink = Decoding.feedSplit(bytes, splitAt);

            assertThat(sink.errors).as("split at %d", splitAt).isEmpty();
            assertThat(sink.packets).as("split at %d", splitAt).containsExactly(vector.packet());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(VECTORS)
    @DisplayName("fed one byte at a time, the vector decodes to the same packet")
    void decodesByteByByte(Vector vector) {
        CollectingSink sink = Decoding.feedByteByByte(vector.bytes());

        assertThat(sink.errors).isEmpty();
        assertThat(sink.packets).containsExactly(vector.packet());
    }

    @Test
    @DisplayName("all vectors coalesced in one chunk decode in order")
    void decodesCoalescedPackets() {
        List<Vector> vectors = WireVectors.all();
        Buffer stream = Buffer.buffer();
        vectors.forEach(vector -> stream.appendBytes(vector.bytes()));

        CollectingSink sink = new CollectingSink();
        new MqttDecoder(MqttDecoder.PROTOCOL_MAX_PACKET_SIZE).feed(stream, sink);

        assertThat(sink.errors).isEmpty();
        assertThat(sink.packets).containsExactlyElementsOf(expected(vectors));
    }

    @Test
    @DisplayName("all vectors coalesced, then cut into random chunks, decode in order")
    void decodesCoalescedPacketsInRandomChunks() {
        List<Vector> vectors = WireVectors.all();
        Buffer stream = Buffer.buffer();
        vectors.forEach(vector -> stream.appendBytes(vector.bytes()));
        Random random = new Random(RANDOM_SEED);

        for (int round = 0; round < 50; round++) {
            CollectingSink sink = new CollectingSink();
            MqttDecoder decoder = new MqttDecoder(MqttDecoder.PROTOCOL_MAX_PACKET_SIZE);
            int position = 0;
            while (position < stream.length()) {
                int chunk = Math.min(1 + random.nextInt(300), stream.length() - position);
                decoder.feed(stream.slice(position, position + chunk), sink);
                position += chunk;
            }

            assertThat(sink.errors).isEmpty();
            assertThat(sink.packets).containsExactlyElementsOf(expected(vectors));
        }
    }

    @Test
    @DisplayName("a chunk may end one packet and start the next at any byte")
    void decodesTwoPacketsSplitAnywhere() {
        Vector first = WireVectors.all().get(0);
        Vector second = WireVectors.all().get(10);
        byte[] both = Hex.concat(first.bytes(), second.bytes());

        for (int splitAt = 1; splitAt < both.length; splitAt++) {
            CollectingSink sink = Decoding.feedSplit(both, splitAt);

            assertThat(sink.errors).as("split at %d", splitAt).isEmpty();
            assertThat(sink.packets).as("split at %d", splitAt).containsExactly(first.packet(), second.packet());
        }
    }

    @Test
    @DisplayName("the 2 MB PUBLISH decodes the same in 64 KB chunks as whole")
    void decodesHugePublishInNetworkSizedChunks() {
        Vector vector = WireVectors.fourByteRemainingLength();
        int chunkSize = 65_536;
        CollectingSink sink = new CollectingSink();
        MqttDecoder decoder = new MqttDecoder(MqttDecoder.PROTOCOL_MAX_PACKET_SIZE);
        Buffer stream = Buffer.buffer(vector.bytes());

        for (int position = 0; position < stream.length(); position += chunkSize) {
            decoder.feed(stream.slice(position, Math.min(position + chunkSize, stream.length())), sink);
        }

        assertThat(sink.errors).isEmpty();
        assertThat(sink.packets).containsExactly(vector.packet());
    }

    @Test
    @DisplayName("an empty chunk changes nothing")
    void ignoresEmptyChunks() {
        Vector vector = WireVectors.all().get(0);
        CollectingSink sink = new CollectingSink();
        MqttDecoder decoder = new MqttDecoder(MqttDecoder.PROTOCOL_MAX_PACKET_SIZE);

        decoder.feed(Buffer.buffer(), sink);
        decoder.feed(Buffer.buffer(vector.bytes()).slice(0, 3), sink);
        decoder.feed(Buffer.buffer(), sink);
        decoder.feed(Buffer.buffer(vector.bytes()).slice(3, vector.bytes().length), sink);

        assertThat(sink.errors).isEmpty();
        assertThat(sink.packets).containsExactly(vector.packet());
    }

    private static List<MqttPacket> expected(List<Vector> vectors) {
        return vectors.stream().map(Vector::packet).toList();
    }

    private static List<Integer> splitPoints(int length) {
        List<Integer> points = new ArrayList<>();
        for (int splitAt = 0; splitAt <= length; splitAt++) {
            boolean nearEdge = splitAt <= EDGE_SPLITS || splitAt >= length - EDGE_SPLITS;
            if (length <= EXHAUSTIVE_SPLIT_LIMIT || nearEdge || splitAt % MIDDLE_STRIDE == 0) {
                points.add(splitAt);
            }
        }
        return points;
    }
}
