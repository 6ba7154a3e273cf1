package io.opifex.topic;

import static org.assertj.core.api.Assertions.assertThat;

import io.opifex.codec.packet.QoS;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Random subscribe/unsubscribe sequences checked against a naive level-by-level matcher. */
class TopicTreeReferenceModelTest {

    private static final long SEED = 20240601L;
    private static final int OPERATIONS = 20_000;
    private static final List<String> FILTERS = List.of("#", "+", "+/+", "/+", "a", "a/", "a/b", "a//b", "a/+",
            "a/#", "a/+/c", "+/b/#", "a/b/c", "$SYS/#", "$SYS/+", "+/+/+", "a/b/c/#");
    private static final List<String> TOPICS = List.of("a", "a/", "/a", "a/b", "a//b", "a/b/c", "a/x/c", "b",
            "$SYS/x", "$SYS", "/", "a/b/c/d");
    private static final List<String> SUBSCRIBERS = List.of("s1", "s2", "s3");

    @Test
    void agreesWithNaiveMatcher() {
        Random random = new Random(SEED);
        TopicTree<String> tree = new TopicTree<>();
        Map<String, Map<String, QoS>> expected = new HashMap<>(); // filter -> subscriber -> qos
        for (int op = 0; op < OPERATIONS; op++) {
            String filter = FILTERS.get(random.nextInt(FILTERS.size()));
            String subscriber = SUBSCRIBERS.get(random.nextInt(SUBSCRIBERS.size()));
            if (random.nextBoolean()) {
                QoS qos = QoS.of(random.nextInt(3));
                assertThat(tree.subscribe(filter, subscriber, qos))
                        .isEqualTo(expected.computeIfAbsent(filter, f -> new HashMap<>()).put(subscriber, qos));
            } else {
                QoS removed = expected.getOrDefault(filter, Map.of()).get(subscriber);
                expected.getOrDefault(filter, new HashMap<>()).remove(subscriber);
                assertThat(tree.unsubscribe(filter, subscriber)).isEqualTo(removed != null);
            }
            String topic = TOPICS.get(random.nextInt(TOPICS.size()));
            MatchedSubscribers<String> matched = new MatchedSubscribers<>();
            tree.matchDistinct(topic, matched);
            assertThat(asMap(matched)).as("op %d, topic %s", op, topic).isEqualTo(naiveMatch(expected, topic));
        }
        expected.forEach((filter, subscribers) -> subscribers.keySet().forEach(s -> tree.unsubscribe(filter, s)));
        assertThat(tree.nodeCount()).isZero();
    }

    private static Map<String, QoS> asMap(MatchedSubscribers<String> matched) {
        Map<String, QoS> map = new HashMap<>();
        matched.forEach(map::put);
        return map;
    }

    private static Map<String, QoS> naiveMatch(Map<String, Map<String, QoS>> subscriptions, String topic) {
        Map<String, QoS> result = new HashMap<>();
        subscriptions.forEach((filter, subscribers) -> {
            if (naiveMatches(filter, topic)) {
                subscribers.forEach((s, qos) -> result.merge(s, qos, QoS::max));
            }
        });
        return result;
    }

    private static boolean naiveMatches(String filter, String topic) {
        String[] filterLevels = filter.split("/", -1);
        String[] topicLevels = topic.split("/", -1);
        boolean leadingWildcard = filterLevels[0].equals("+") || filterLevels[0].equals("#");
        if (topic.startsWith("$") && leadingWildcard) {
            return false;
        }
        for (int i = 0; i < filterLevels.length; i++) {
            if (filterLevels[i].equals("#")) {
                return true;
            }
            if (i >= topicLevels.length || !(filterLevels[i].equals("+") || filterLevels[i].equals(topicLevels[i]))) {
                return false;
            }
        }
        return filterLevels.length == topicLevels.length;
    }
}
