package io.opifex.persistence.spi;

import static io.opifex.persistence.spi.QoSLevel.AT_LEAST_ONCE;
import static io.opifex.persistence.spi.QoSLevel.AT_MOST_ONCE;
import static io.opifex.persistence.spi.QoSLevel.EXACTLY_ONCE;
import static io.opifex.persistence.spi.StoreTestSupport.await;
import static io.opifex.persistence.spi.StoreTestSupport.message;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Behaviour every {@link RetainedStore} backend must show; a backend's test supplies a new, empty store. */
public abstract class RetainedStoreContract {

    private static final List<String> TOPICS = List.of("sport", "sport/tennis", "sport/tennis/player1",
            "sport/tennis/player1/ranking", "sport/golf", "/finance", "finance", "a//b", "$SYS", "$SYS/broker/load");

    protected RetainedStore store;

    /** A new store with no retained messages. */
    protected abstract RetainedStore createStore();

    @BeforeEach
    void setUpStore() {
        store = createStore();
    }

    private void retainAll() {
        for (int i = 0; i < TOPICS.size(); i++) {
            await(store.put(message(i, TOPICS.get(i), AT_MOST_ONCE)));
        }
    }

    private List<String> matchedTopics(String filter) {
        return await(store.match(filter)).stream().map(StoredMessage::topic).toList();
    }

    @Test
    void emptyStore() {
        assertThat(await(store.get("a"))).isEmpty();
        assertThat(await(store.match("#"))).isEmpty();
        assertThat(await(store.count())).isZero();
    }

    @Test
    @DisplayName("[MQTT-3.3.1-5] the retained message and its QoSLevel round-trip")
    void putThenGet() {
        StoredMessage retained = new StoredMessage(1, "a/b", new byte[] {1, 2, 3}, EXACTLY_ONCE, true, 99);

        await(store.put(retained));

        assertThat(await(store.get("a/b"))).contains(retained);
        assertThat(await(store.get("a"))).isEmpty();
        assertThat(await(store.get("A/b"))).isEmpty();
        assertThat(await(store.count())).isEqualTo(1);
    }

    @Test
    void aNewRetainedMessageReplacesTheTopicsPreviousOne() {
        await(store.put(message(1, "a", AT_MOST_ONCE)));
        await(store.put(message(2, "a", AT_LEAST_ONCE)));

        assertThat(await(store.get("a"))).contains(message(2, "a", AT_LEAST_ONCE));
        assertThat(await(store.match("a"))).containsExactly(message(2, "a", AT_LEAST_ONCE));
        assertThat(await(store.count())).isEqualTo(1);
    }

    @Test
    @DisplayName("[MQTT-3.3.1-10] removing clears the topic only")
    void remove() {
        await(store.put(message(1, "a", AT_MOST_ONCE)));
        await(store.put(message(2, "a/b", AT_MOST_ONCE)));

        assertThat(await(store.remove("a"))).isTrue();
        assertThat(await(store.remove("a"))).isFalse();
        assertThat(await(store.remove("zzz"))).isFalse();

        assertThat(await(store.get("a"))).isEmpty();
        assertThat(await(store.get("a/b"))).isPresent();
        assertThat(await(store.count())).isEqualTo(1);
    }

    @Test
    @DisplayName("[MQTT-3.3.1-6] a subscription's filter finds every matching retained message")
    void matchByFilter() {
        retainAll();

        assertThat(matchedTopics("sport/tennis")).containsExactly("sport/tennis");
        assertThat(matchedTopics("sport/+")).containsExactlyInAnyOrder("sport/tennis", "sport/golf");
        assertThat(matchedTopics("sport/#")).containsExactlyInAnyOrder("sport", "sport/tennis",
                "sport/tennis/player1", "sport/tennis/player1/ranking", "sport/golf");
        assertThat(matchedTopics("sport/tennis/player1/#")).containsExactlyInAnyOrder("sport/tennis/player1",
                "sport/tennis/player1/ranking");
        assertThat(matchedTopics("+")).containsExactlyInAnyOrder("sport", "finance");
        assertThat(matchedTopics("/+")).containsExactly("/finance");
        assertThat(matchedTopics("+/+")).containsExactlyInAnyOrder("sport/tennis", "sport/golf", "/finance");
        assertThat(matchedTopics("a/+/b")).containsExactly("a//b");
        assertThat(matchedTopics("nothing/#")).isEmpty();
    }

    @Test
    @DisplayName("[MQTT-4.7.2-1] filters starting with a wildcard do not match $ topics")
    void dollarTopics() {
        retainAll();

        assertThat(matchedTopics("#")).hasSize(TOPICS.size() - 2).doesNotContain("$SYS", "$SYS/broker/load");
        assertThat(matchedTopics("+/broker/load")).isEmpty();
        assertThat(matchedTopics("$SYS/#")).containsExactlyInAnyOrder("$SYS", "$SYS/broker/load");
        assertThat(matchedTopics("$SYS/+/load")).containsExactly("$SYS/broker/load");
    }
}
