package io.opifex.codec.packet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.BitSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PacketIdsTest {

    private final PacketIds ids = new PacketIds();

    @Test
    @DisplayName("[MQTT-2.3.1-1] ids run from 1 to 65535, then start again at 1; 0 is never handed out")
    void rotatesThroughTheWholeRange() {
        assertThat(ids.next(id -> false)).isEqualTo(1);
        for (int expected = 2; expected <= PacketIds.MAX; expected++) {
            assertThat(ids.next(id -> false)).isEqualTo(expected);
        }
        assertThat(ids.next(id -> false)).isEqualTo(1);
    }

    @Test
    @DisplayName("[MQTT-2.3.1-2] an id in use is skipped until its flow has ended")
    void skipsIdsInUse() {
        BitSet inUse = new BitSet();
        inUse.set(1);
        inUse.set(2);
        assertThat(ids.next(inUse::get)).isEqualTo(3);
        inUse.set(3);
        inUse.clear(1);
        assertThat(ids.next(inUse::get)).as("rotation goes on past 3 rather than back to 1").isEqualTo(4);
    }

    @Test
    @DisplayName("when all 65535 ids are in use there is none to give")
    void noneWhenAllAreTaken() {
        assertThat(ids.next(id -> true)).isZero();
        assertThat(ids.next(id -> id != 40_000)).isEqualTo(40_000);
    }
}
