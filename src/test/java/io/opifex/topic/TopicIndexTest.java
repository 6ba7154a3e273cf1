package io.opifex.topic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class TopicIndexTest {

    private static final List<String> TOPICS = List.of(
            "sport", "sport/", "sport/tennis", "sport/tennis/player1", "sport/tennis/player1/ranking",
            "sport/tennis/player2", "sport/golf", "/finance", "finance", "a//b", "$SYS/broker/load", "$SYS",
            "a/$b");

    private final TopicIndex<String> index = new TopicIndex<>();

    private void putAll() {
        TOPICS.forEach(topic -> index.put(topic, topic));
    }

    @Test
    void putGetReplaceRemove() {
        assertThat(index.put("a/b", "1")).isNull();
        assertThat(index.put("a/b", "2")).isEqualTo("1");
        assertThat(index.get("a/b")).isEqualTo("2");
        assertThat(index.get("a")).isNull();
        assertThat(index.size()).isEqualTo(1);

        assertThat(index.remove("a")).isNull();
        assertThat(index.remove("a/b")).isEqualTo("2");
        assertThat(index.remove("a/b")).isNull();
        assertThat(index.size()).isZero();
        assertThat(index.nodeCount()).isZero();
    }

    @Test
    void removingAParentKeepsItsChildren() {
        index.put("a", "parent");
        index.put("a/b", "child");

        index.remove("a");

        assertThat(index.get("a/b")).isEqualTo("child");
        assertThat(matches("a/#")).containsExactly("child");
        index.remove("a/b");
        assertThat(index.nodeCount()).isZero();
    }

    @Test
    void matchByFilter() {
        putAll();

        assertThat(matches("sport/tennis/player1")).containsExactly("sport/tennis/player1");
        assertThat(matches("sport/tennis/+")).containsExactlyInAnyOrder("sport/tennis/player1",
                "sport/tennis/player2");
        assertThat(matches("sport/+")).containsExactlyInAnyOrder("sport/", "sport/tennis", "sport/golf");
        assertThat(matches("sport/tennis/player1/#")).containsExactlyInAnyOrder("sport/tennis/player1",
                "sport/tennis/player1/ranking");
        assertThat(matches("sport/#")).containsExactlyInAnyOrder("sport", "sport/", "sport/tennis",
                "sport/tennis/player1", "sport/tennis/player1/ranking", "sport/tennis/player2", "sport/golf");
        assertThat(matches("+/+")).containsExactlyInAnyOrder("sport/", "sport/tennis", "sport/golf", "/finance",
                "a/$b");
        assertThat(matches("/+")).containsExactly("/finance");
        assertThat(matches("+")).containsExactlyInAnyOrder("sport", "finance");
        assertThat(matches("a/+/b")).containsExactly("a//b");
        assertThat(matches("nothing/#")).isEmpty();
        assertThat(matches("Sport")).isEmpty();
    }

    @Test
    @DisplayName("[MQTT-4.7.2-1] filters starting with a wildcard do not match $ topics")
    void dollarRule() {
        putAll();

        assertThat(matches("#")).hasSize(TOPICS.size() - 2).doesNotContain("$SYS", "$SYS/broker/load");
        assertThat(matches("+/broker/load")).isEmpty();
        assertThat(matches("$SYS/#")).containsExactlyInAnyOrder("$SYS", "$SYS/broker/load");
        assertThat(matches("$SYS/+/load")).containsExactly("$SYS/broker/load");
        assertThat(matches("a/+")).containsExactly("a/$b");
    }

    @Test
    void veryDeepTopicsDoNotOverflowTheStack() {
        String deep = "/".repeat(30_000);
        index.put(deep, "deep");

        assertThat(matches("#")).containsExactly("deep");
        assertThat(index.remove(deep)).isEqualTo("deep");
        assertThat(index.nodeCount()).isZero();
    }

    @Test
    @Timeout(30)
    void concurrentPutRemoveAndMatch() throws Exception {
        int writers = 2;
        int rounds = 20_000;
        index.put("stable/x", "stable");
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            String value = "w" + w;
            threads.add(new Thread(() -> run(start, failures, () -> {
                for (int round = 0; round < rounds; round++) {
                    String topic = "stable/x/" + (round % 4) + "/" + value;
                    index.put(topic, value);
                    if (!value.equals(index.get(topic)) || !value.equals(index.remove(topic))) {
                        throw new AssertionError("lost " + topic);
                    }
                }
            })));
        }
        threads.add(new Thread(() -> run(start, failures, () -> {
            for (int round = 0; round < rounds; round++) {
                List<String> found = matches("stable/#");
                if (!found.contains("stable")) {
                    throw new AssertionError("stable value not matched");
                }
            }
        })));
        threads.forEach(Thread::start);
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }

        assertThat(failures).isEmpty();
        assertThat(index.size()).isEqualTo(1);
        assertThat(index.nodeCount()).isEqualTo(2);
    }

    private static void run(CountDownLatch start, ConcurrentLinkedQueue<Throwable> failures, Runnable body) {
        try {
            start.await();
            body.run();
        } catch (Throwable t) {
            failures.add(t);
        }
    }

    private List<String> matches(String filter) {
        List<String> found = new ArrayList<>();
        index.match(filter, found::add);
        return found;
    }
}
