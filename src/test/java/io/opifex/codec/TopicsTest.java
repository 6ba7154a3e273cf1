package io.opifex.codec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TopicsTest {

    @ParameterizedTest(name = "topic name \"{0}\" is valid")
    @ValueSource(strings = {"a", "/", "a/b", "/a", "a/", "//", "$SYS/broker", " ", "sport/tennis/player1", "ä/€"})
    void acceptsTopicNames(String name) {
        assertThat(Topics.validateTopicName(name)).isNull();
        assertThat(Topics.topicNameViolation(name)).isNull();
    }

    @ParameterizedTest(name = "topic filter \"{0}\" is valid")
    @ValueSource(strings = {"#", "+", "+/+", "/+", "+/", "/#", "a/#", "+/#", "a/+/c", "sport/+/player1", "$SYS/#",
        "//", "a//b"})
    void acceptsTopicFilters(String filter) {
        assertThat(Topics.validateTopicFilter(filter)).isNull();
    }

    @ParameterizedTest(name = "topic name \"{0}\" breaks {1}")
    @CsvSource({
        "'',     MQTT-4.7.3-1",
        "+,      MQTT-3.3.2-2",
        "#,      MQTT-3.3.2-2",
        "a/+/b,  MQTT-3.3.2-2",
        "a/#,    MQTT-3.3.2-2",
        "a+b,    MQTT-3.3.2-2"
    })
    void rejectsTopicNames(String name, String specId) {
        assertThat(Topics.topicNameViolation(name).specId()).isEqualTo(specId);
        assertThat(Topics.validateTopicName(name)).startsWith("[" + specId + "]");
    }

    @ParameterizedTest(name = "topic filter \"{0}\" breaks {1}")
    @CsvSource({
        "'',     MQTT-4.7.3-1",
        "a#,     MQTT-4.7.1-2",
        "#/a,    MQTT-4.7.1-2",
        "a/#/b,  MQTT-4.7.1-2",
        "##,     MQTT-4.7.1-2",
        "a+,     MQTT-4.7.1-3",
        "+a,     MQTT-4.7.1-3",
        "a/b+/c, MQTT-4.7.1-3",
        "++,     MQTT-4.7.1-3"
    })
    void rejectsTopicFilters(String filter, String specId) {
        assertThat(Topics.topicFilterViolation(filter).specId()).isEqualTo(specId);
        assertThat(Topics.validateTopicFilter(filter)).startsWith("[" + specId + "]");
    }

    @Test
    @DisplayName("[MQTT-4.7.3-2] topic names and filters with U+0000 are invalid")
    void rejectsNullCharacter_MQTT_4_7_3_2() {
        assertThat(Topics.topicNameViolation("a\u0000b").specId()).isEqualTo("MQTT-4.7.3-2");
        assertThat(Topics.topicFilterViolation("a/\u0000").specId()).isEqualTo("MQTT-4.7.3-2");
    }

    @Test
    @DisplayName("[MQTT-4.7.3-3] topics longer than 65535 UTF-8 bytes are invalid, 65535 is fine")
    void rejectsTooLongTopics_MQTT_4_7_3_3() {
        assertThat(Topics.topicNameViolation("a".repeat(65_535))).isNull();
        assertThat(Topics.topicNameViolation("a".repeat(65_536)).specId()).isEqualTo("MQTT-4.7.3-3");
        assertThat(Topics.topicFilterViolation("€".repeat(21_846)).specId()).isEqualTo("MQTT-4.7.3-3");
    }

    @Test
    @DisplayName("[MQTT-1.5.3-1] a topic from configuration with an unpaired surrogate is invalid")
    void rejectsUnpairedSurrogate_MQTT_1_5_3_1() {
        assertThat(Topics.topicNameViolation("a/\ud800").specId()).isEqualTo("MQTT-1.5.3-1");
    }
}
