package io.opifex.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LevelKeyTest {

    @Test
    @DisplayName("a cursor on a level of a longer topic equals the stored key of that level, with the same hash")
    void cursorEqualsStoredKey() {
        // "\u20ac" makes the topic a UTF-16 string while the stored levels are Latin-1 ones, and the reverse
        String topic = "a//b\u00e4/\u20acx/";
        String[] levels = {"a", "", "b\u00e4", "\u20acx", ""};
        LevelKey cursor = LevelKey.cursor();
        int start = 0;
        for (String level : levels) {
            int end = cursor.pointAt(topic, start);
            LevelKey stored = LevelKey.of(level);

            assertThat(topic.substring(start, end)).isEqualTo(level);
            assertThat(cursor).isEqualTo(stored);
            assertThat(stored).isEqualTo(cursor);
            assertThat(cursor.hashCode()).isEqualTo(stored.hashCode());
            assertThat(cursor.level()).isEqualTo(level);
            start = end + 1;
        }
    }

    @Test
    @DisplayName("levels that differ, also only in length, are different keys")
    void differentLevelsDiffer() {
        LevelKey cursor = LevelKey.cursor();
        cursor.pointAt("ab/c", 0);

        assertThat(cursor).isNotEqualTo(LevelKey.of("a")).isNotEqualTo(LevelKey.of("abc"))
                .isNotEqualTo(LevelKey.of("ba"));
    }

    @Test
    @DisplayName("a cursor finds what a map stores under a stored key")
    void cursorLooksUpStoredKey() {
        ConcurrentHashMap<LevelKey, String> map = new ConcurrentHashMap<>();
        map.put(LevelKey.of("device"), "found");
        LevelKey cursor = LevelKey.cursor();

        cursor.pointAt("site/device/7", 5);

        assertThat(map.get(cursor)).isEqualTo("found");
    }

    @Test
    @DisplayName("a stored key cannot be re-pointed")
    void storedKeyIsImmutable() {
        assertThatThrownBy(() -> LevelKey.of("a").pointAt("b", 0)).isInstanceOf(IllegalStateException.class);
    }
}
