package io.opifex.topic;

import static io.opifex.codec.packet.QoS.AT_LEAST_ONCE;
import static io.opifex.codec.packet.QoS.AT_MOST_ONCE;
import static io.opifex.codec.packet.QoS.EXACTLY_ONCE;
import static org.assertj.core.api.Assertions.assertThat;

import io.opifex.codec.packet.QoS;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MatchedSubscribersTest {

    private final MatchedSubscribers<Object> matched = new MatchedSubscribers<>();

    @Test
    @DisplayName("[MQTT-3.3.5-1] each subscriber once, at the maximum QoS it was added with")
    void keepsMaximumQos_MQTT_3_3_5_1() {
        matched.accept("a", AT_LEAST_ONCE);
        matched.accept("b", EXACTLY_ONCE);
        matched.accept(new String("a"), EXACTLY_ONCE); // equal, not identical
        matched.accept("b", AT_MOST_ONCE);

        assertThat(asMap()).containsExactly(Map.entry("a", EXACTLY_ONCE), Map.entry("b", EXACTLY_ONCE));
        assertThat(matched.size()).isEqualTo(2);
        assertThat(matched.qosOf("c")).isNull();
        assertThat(matched.qosOf(null)).isNull();
    }

    @Test
    @DisplayName("agrees with a HashMap merge through growth, colliding hash codes and reuse after clear")
    void agreesWithHashMap() {
        Random random = new Random(7);
        QoS[] levels = QoS.values();
        for (int round = 0; round < 50; round++) {
            matched.clear();
            assertThat(matched.isEmpty()).isTrue();
            Map<Object, QoS> expected = new HashMap<>();
            int subscribers = random.nextInt(300);
            for (int i = 0; i < subscribers * 2; i++) {
                Object subscriber = new Colliding(random.nextInt(subscribers + 1));
                QoS qos = levels[random.nextInt(levels.length)];
                matched.accept(subscriber, qos);
                expected.merge(subscriber, qos, QoS::max);
            }

            assertThat(asMap()).isEqualTo(expected);
            assertThat(matched.size()).isEqualTo(expected.size());
            expected.forEach((subscriber, qos) -> assertThat(matched.qosOf(subscriber)).isEqualTo(qos));
        }
    }

    @Test
    @DisplayName("visits subscribers in the order they were first added")
    void visitsInInsertionOrder() {
        List<Integer> order = new ArrayList<>();
        for (int i = 100; i > 0; i--) {
            matched.accept(i, AT_MOST_ONCE);
        }
        matched.forEach((subscriber, qos) -> order.add((Integer) subscriber));

        assertThat(order).hasSize(100).first().isEqualTo(100);
        assertThat(order).isSortedAccordingTo((a, b) -> b - a);
    }

    private Map<Object, QoS> asMap() {
        Map<Object, QoS> map = new LinkedHashMap<>();
        matched.forEach((subscriber, qos) -> assertThat(map.put(subscriber, qos)).isNull());
        return map;
    }

    /** Only 8 distinct hash codes, so probing runs past occupied slots. */
    private record Colliding(int id) {
        @Override
        public int hashCode() {
            return id % 8;
        }
    }
}
