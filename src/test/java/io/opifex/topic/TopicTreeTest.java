package io.opifex.topic;

import static io.opifex.codec.packet.QoS.AT_LEAST_ONCE;
import static io.opifex.codec.packet.QoS.AT_MOST_ONCE;
import static io.opifex.codec.packet.QoS.EXACTLY_ONCE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TopicTreeTest {

    private final TopicTree<String> tree = new TopicTree<>();

    /** Whether a tree holding only {@code filter} routes {@code topic}; cases follow spec section 4.7. */
    @ParameterizedTest(name = "{0} vs {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
        // 4.7.1.2 multi-level wildcard [MQTT-4.7.1-2]
        "sport/tennis/player1/#  | sport/tennis/player1                    | true",
        "sport/tennis/player1/#  | sport/tennis/player1/ranking            | true",
        "sport/tennis/player1/#  | sport/tennis/player1/score/wimbledon    | true",
        "sport/tennis/player1/#  | sport/tennis/player2                    | false",
        "sport/#                 | sport                                   | true",
        "sport/#                 | sport/                                  | true",
        "sport/#                 | sports                                  | false",
        "#                       | sport/tennis/player1                    | true",
        "#                       | /                                       | true",
        // 4.7.1.3 single-level wildcard
        "sport/tennis/+          | sport/tennis/player1                    | true",
        "sport/tennis/+          | sport/tennis/player2                    | true",
        "sport/tennis/+          | sport/tennis/player1/ranking            | false",
        "sport/+                 | sport                                   | false",
        "sport/+                 | sport/                                  | true",
        "+                       | sport                                   | true",
        "+/+                     | /finance                                | true",
        "/+                      | /finance                                | true",
        "+                       | /finance                                | false",
        "sport/+/player1         | sport/tennis/player1                    | true",
        "sport/+/player1         | sport/tennis/player2                    | false",
        "+/tennis/#              | sport/tennis/player1/ranking            | true",
        // 4.7.2 topics beginning with $ [MQTT-4.7.2-1]
        "#                       | $SYS/broker/clients                     | false",
        "+/monitor/Clients       | $SYS/monitor/Clients                    | false",
        "+                       | $SYS                                    | false",
        "$SYS/#                  | $SYS/monitor/Clients                    | true",
        "$SYS/#                  | $SYS                                    | true",
        "$SYS/monitor/+          | $SYS/monitor/Clients                    | true",
        "a/#                     | a/$b                                    | true",
        "a/+                     | a/$b                                    | true",
        // empty levels are levels
        "a//b                    | a//b                                    | true",
        "a/+/b                   | a//b                                    | true",
        "a/b                     | a//b                                    | false",
        "/a                      | /a                                      | true",
        "/a                      | a                                       | false",
        "+/a                     | /a                                      | true",
        "a/                      | a/                                      | true",
        "a/                      | a                                       | false",
        // case-sensitive, no prefix matching
        "Sport                   | sport                                   | false",
        "sport/tennis            | sport/tennis/player1                    | false",
        "sport/tennis/player1    | sport/tennis                            | false",
    })
    void matchesLikeTheSpecExamples(String filter, String topic, boolean matches) {
        tree.subscribe(filter, "client", AT_MOST_ONCE);

        assertThat(matchedClients(topic)).isEqualTo(matches ? List.of("client") : List.of());
    }

    @Test
    @DisplayName("[MQTT-4.7.2-1] a $ topic is routed only to filters that start with the same literal level")
    void dollarTopicsSkipLeadingWildcards() {
        tree.subscribe("#", "all", AT_MOST_ONCE);
        tree.subscribe("+/broker/load", "plus", AT_MOST_ONCE);
        tree.subscribe("$SYS/#", "sys", AT_MOST_ONCE);
        tree.subscribe("$SYS/+/load", "sysPlus", AT_MOST_ONCE);

        assertThat(matchedClients("$SYS/broker/load")).containsExactlyInAnyOrder("sys", "sysPlus");
        assertThat(matchedClients("x/broker/load")).containsExactlyInAnyOrder("all", "plus");
    }

    @Test
    @DisplayName("[MQTT-3.3.5-1] overlapping subscriptions deliver one copy at the maximum QoS")
    void overlappingSubscriptionsCollapseToMaximumQos() {
        tree.subscribe("sport/#", "a", AT_LEAST_ONCE);
        tree.subscribe("sport/+/player1", "a", EXACTLY_ONCE);
        tree.subscribe("sport/tennis/player1", "a", AT_MOST_ONCE);
        tree.subscribe("sport/tennis/#", "b", AT_MOST_ONCE);
        tree.subscribe("#", "b", AT_LEAST_ONCE);
        MatchedSubscribers<String> matched = new MatchedSubscribers<>();

        tree.matchDistinct("sport/tennis/player1", matched);

        assertThat(matched.size()).isEqualTo(2);
        assertThat(matched.qosOf("a")).isEqualTo(EXACTLY_ONCE);
        assertThat(matched.qosOf("b")).isEqualTo(AT_LEAST_ONCE);
        assertThat(allMatches("sport/tennis/player1")).hasSize(5);
    }

    @Test
    void matchedSubscribersAreClearedBetweenPublishes() {
        tree.subscribe("a", "x", AT_LEAST_ONCE);
        tree.subscribe("b", "y", AT_MOST_ONCE);
        MatchedSubscribers<String> matched = new MatchedSubscribers<>();

        tree.matchDistinct("a", matched);
        tree.matchDistinct("b", matched);

        assertThat(matched.qosOf("x")).isNull();
        assertThat(matched.qosOf("y")).isEqualTo(AT_MOST_ONCE);
    }

    @Test
    @DisplayName("[MQTT-3.8.4-3] subscribing again to an identical filter replaces the subscription")
    void resubscribeReplacesQos() {
        assertThat(tree.subscribe("a/b", "c", AT_MOST_ONCE)).isNull();
        assertThat(tree.subscribe("a/b", "c", EXACTLY_ONCE)).isEqualTo(AT_MOST_ONCE);

        assertThat(tree.subscriptionCount()).isEqualTo(1);
        assertThat(allMatches("a/b")).containsExactly("c=" + EXACTLY_ONCE);
    }

    @Test
    void unsubscribeRemovesOnlyThatPairAndPrunesEmptyNodes() {
        tree.subscribe("a/b/c", "x", AT_MOST_ONCE);
        tree.subscribe("a/b/c", "y", AT_MOST_ONCE);
        tree.subscribe("a/+/#", "x", AT_MOST_ONCE);
        tree.subscribe("a", "x", AT_MOST_ONCE);

        assertThat(tree.unsubscribe("a/b/c", "x")).isTrue();
        assertThat(tree.unsubscribe("a/b/c", "x")).isFalse();
        assertThat(tree.unsubscribe("a/b", "x")).isFalse();
        assertThat(tree.unsubscribe("never/there", "x")).isFalse();
        assertThat(matchedClients("a/b/c")).containsExactlyInAnyOrder("x", "y");

        tree.unsubscribe("a/b/c", "y");
        tree.unsubscribe("a/+/#", "x");
        assertThat(tree.nodeCount()).isEqualTo(1); // "a" still holds a subscription
        tree.unsubscribe("a", "x");

        assertThat(tree.subscriptionCount()).isZero();
        assertThat(tree.nodeCount()).isZero();
        assertThat(matchedClients("a/b/c")).isEmpty();
    }

    @Test
    void churnDoesNotGrowTheTree() {
        for (int round = 0; round < 1_000; round++) {
            String filter = "devices/" + round + "/+/state/#";
            tree.subscribe(filter, "c" + round, AT_LEAST_ONCE);
            tree.unsubscribe(filter, "c" + round);
        }

        assertThat(tree.nodeCount()).isZero();
        assertThat(tree.subscriptionCount()).isZero();
    }

    @Test
    void oddInputIsStoredLiterallyAndNeverThrows() {
        tree.subscribe("a/#/b", "x", AT_MOST_ONCE);   // invalid: '#' not last
        tree.subscribe("sport+", "y", AT_MOST_ONCE);  // invalid: '+' not a whole level
        tree.subscribe("", "z", AT_MOST_ONCE);        // invalid: empty

        assertThat(matchedClients("a/x/b")).isEmpty();
        assertThat(matchedClients("sport+")).containsExactly("y");
        assertThat(matchedClients("sportX")).isEmpty();
        assertThat(matchedClients("")).containsExactly("z");
        assertThat(matchedClients("a/+")).isEmpty(); // a wildcard in a topic name is not a wildcard
    }

    @Test
    void veryDeepTopicsDoNotOverflowTheStack() {
        String deep = "/".repeat(30_000);
        tree.subscribe(deep, "deep", AT_MOST_ONCE);
        tree.subscribe("+/#", "wild", AT_MOST_ONCE);

        assertThat(matchedClients(deep)).containsExactlyInAnyOrder("deep", "wild");
        assertThat(tree.unsubscribe(deep, "deep")).isTrue();
        tree.unsubscribe("+/#", "wild");
        assertThat(tree.nodeCount()).isZero();
    }

    @Test
    void manySubscriptionsMatchExactlyTheExpectedSubscribers() {
        int devices = 25_000;
        for (int device = 0; device < devices; device++) {
            String client = "c" + device;
            tree.subscribe("site/" + (device % 10) + "/device/" + device + "/temp", client, AT_MOST_ONCE);
            tree.subscribe("site/" + (device % 10) + "/device/" + device + "/#", client, AT_LEAST_ONCE);
            tree.subscribe("site/+/device/" + device + "/+", client, EXACTLY_ONCE);
            tree.subscribe("site/" + (device % 10) + "/+/+/alarm", client, AT_MOST_ONCE);
        }
        assertThat(tree.subscriptionCount()).isEqualTo(4 * devices);
        MatchedSubscribers<String> matched = new MatchedSubscribers<>();

        tree.matchDistinct("site/7/device/1237/temp", matched);
        assertThat(matched.size()).isEqualTo(1);
        assertThat(matched.qosOf("c1237")).isEqualTo(EXACTLY_ONCE);
        assertThat(allMatches("site/7/device/1237/temp")).hasSize(3);

        tree.matchDistinct("site/3/device/93/alarm", matched); // every device of site 3; 93 also by its own filters
        assertThat(matched.size()).isEqualTo(devices / 10);
        assertThat(matched.qosOf("c93")).isEqualTo(EXACTLY_ONCE);
        assertThat(matched.qosOf("c13")).isEqualTo(AT_MOST_ONCE);
        assertThat(matched.qosOf("c14")).isNull();

        tree.matchDistinct("site/3/device/93", matched); // '#' matches its parent level
        assertThat(matched.size()).isEqualTo(1);
        assertThat(matched.qosOf("c93")).isEqualTo(AT_LEAST_ONCE);
    }

    @Test
    @DisplayName("every mix of '+' and literal over 12 levels matches, however deep the walk's work list gets")
    void matchesAllWildcardMixes() {
        int levels = 12;
        for (int mask = 0; mask < 1 << levels; mask++) {
            StringBuilder filter = new StringBuilder();
            for (int level = 0; level < levels; level++) {
                filter.append(level == 0 ? "" : "/").append((mask >> level & 1) == 0 ? "a" : "+");
            }
            tree.subscribe(filter.toString(), "c" + mask, AT_MOST_ONCE);
        }
        tree.subscribe("a/#", "hash", AT_LEAST_ONCE);
        String topic = String.join("/", java.util.Collections.nCopies(levels, "a"));
        MatchedSubscribers<String> matched = new MatchedSubscribers<>();

        tree.matchDistinct(topic, matched);

        assertThat(matched.size()).isEqualTo((1 << levels) + 1);
        assertThat(matched.qosOf("hash")).isEqualTo(AT_LEAST_ONCE);
        assertThat(matchedClients(topic + "/b")).containsExactly("hash");
    }

    private List<String> matchedClients(String topic) {
        List<String> clients = new ArrayList<>();
        tree.match(topic, (client, qos) -> clients.add(client));
        return clients;
    }

    private List<String> allMatches(String topic) {
        List<String> matches = new ArrayList<>();
        tree.match(topic, (client, qos) -> matches.add(client + "=" + qos));
        return matches;
    }
}
