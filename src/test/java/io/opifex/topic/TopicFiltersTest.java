package io.opifex.topic;

import static org.assertj.core.api.Assertions.assertThat;

import io.opifex.codec.packet.QoS;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TopicFiltersTest {

    @ParameterizedTest(name = "{0} covers {1}: {2}")
    @CsvSource({
            "a/b, a/b, true",
            "a/b, a/c, false",
            "a/+, a/b, true",
            "a/+, a/+, true",
            "a/b, a/+, false",
            "a/+, a/b/c, false",
            "a/#, a, true",
            "a/#, a/b/c, true",
            "a/#, a/+/#, true",
            "a/+, a/#, false",
            "+/#, a/#, true",
            "#, a/b, true",
            "#, '', true",
            "+, '', true",
            "a, a/b, false",
            "a/b, a, false",
            "/a, /a, true",
            "+/a, /a, true",
            "a//b, a/+/b, false",
            "a/+/b, a//b, true",
    })
    void coversLevelByLevel(String filter, String subject, boolean covered) {
        assertThat(TopicFilters.covers(filter, subject)).isEqualTo(covered);
    }

    @ParameterizedTest(name = "[MQTT-4.7.2-1] {0} covers {1}: {2}")
    @CsvSource({
            "#, $SYS/uptime, false",
            "+/uptime, $SYS/uptime, false",
            "$SYS/#, $SYS/uptime, true",
            "$SYS/+, $SYS/uptime, true",
            "a/#, a/$b, true",
    })
    void wildcardsInTheFirstLevelDoNotCoverSystemTopics(String filter, String subject, boolean covered) {
        assertThat(TopicFilters.covers(filter, subject)).isEqualTo(covered);
    }

    @Test
    @DisplayName("for topic names, covers agrees with the topic tree's matching on random filters and topics")
    void agreesWithTheTopicTree() {
        Random random = new Random(20261208);
        String[] levels = {"a", "b", "", "$s", "+", "#"};
        for (int round = 0; round < 2_000; round++) {
            String filter = randomPath(random, levels, true);
            TopicTree<String> tree = new TopicTree<>();
            tree.subscribe(filter, "subscriber", QoS.AT_MOST_ONCE);
            String topic = randomPath(random, new String[] {"a", "b", "", "$s"}, false);
            List<String> matched = new ArrayList<>();
            tree.match(topic, (subscriber, qos) -> matched.add(subscriber));
            assertThat(TopicFilters.covers(filter, topic)).as("%s against %s", filter, topic)
                    .isEqualTo(!matched.isEmpty());
        }
    }

    /** A valid filter ('#' only last) or topic name of 1 to 4 levels. */
    private static String randomPath(Random random, String[] levels, boolean filter) {
        int count = 1 + random.nextInt(4);
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < count; i++) {
            String level = levels[random.nextInt(levels.length)];
            if (level.equals("#") && i < count - 1) {
                level = "+";
            }
            path.append(i == 0 ? "" : "/").append(level);
        }
        return path.toString();
    }
}
