package io.opifex.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.opifex.codec.DecodeError.Reason;
import io.opifex.codec.packet.MqttPacket;
import io.vertx.core.buffer.Buffer;
import java.util.List;

/** Feeds bytes to a fresh decoder in the ways the tests need. */
final class Decoding {

    private Decoding() {
    }

    static CollectingSink feedWhole(byte[] bytes) {
        return feedWhole(bytes, MqttDecoder.PROTOCOL_MAX_PACKET_SIZE);
    }

    static CollectingSink feedWhole(byte[] bytes, int maxPacketSize) {
        CollectingSink sink = new CollectingSink();
        new MqttDecoder(maxPacketSize).feed(Buffer.buffer(bytes), sink);
        return sink;
    }

    static CollectingSink feedByteByByte(byte[] bytes) {
        CollectingSink sink = new CollectingSink();
        MqttDecoder decoder = new MqttDecoder(MqttDecoder.PROTOCOL_MAX_PACKET_SIZE);
        for (byte b : bytes) {
            decoder.feed(Buffer.buffer(new byte[] {b}), sink);
        }
        return sink;
    }

    static CollectingSink feedSplit(byte[] bytes, int splitAt) {
        CollectingSink sink = new CollectingSink();
        MqttDecoder decoder = new MqttDecoder(MqttDecoder.PROTOCOL_MAX_PACKET_SIZE);
        decoder.feed(Buffer.buffer(bytes).slice(0, splitAt), sink);
        decoder.feed(Buffer.buffer(bytes).slice(splitAt, bytes.length), sink);
        return sink;
    }

    /** Decodes one valid packet, whole, and checks nothing else came out. */
    static MqttPacket decodeOne(String hex) {
        CollectingSink sink = feedWhole(Hex.bytes(hex));
        assertThat(sink.errors).isEmpty();
        assertThat(sink.packets).hasSize(1);
        return sink.packets.get(0);
    }

    /**
     * Decodes malformed bytes whole and byte by byte; both must report the same single error and no packet.
     *
     * @return the error, for further checks
     */
    static DecodeError assertMalformed(String hex, Reason reason, String specId) {
        byte[] bytes = Hex.bytes(hex);
        for (CollectingSink sink : List.of(feedWhole(bytes), feedByteByByte(bytes))) {
            assertThat(sink.packets).isEmpty();
            assertThat(sink.errors).hasSize(1);
            DecodeError error = sink.errors.get(0);
            assertThat(error.reason()).as(error.detail()).isEqualTo(reason);
            assertThat(error.specId()).as(error.detail()).isEqualTo(specId);
        }
        return feedWhole(bytes).errors.get(0);
    }
}
