package io.opifex.topic;

import io.opifex.codec.packet.QoS;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;

/**
 * Routes a published topic name to the subscribers whose topic filters match it: a trie with one node per filter
 * level, so a publish visits only the branches its levels (plus {@code +} and {@code #}) lead to, never every
 * subscription.
 *
 * <p>Subscribers are compared with {@code equals}/{@code hashCode}; a session object or a client id both work.
 * Filters are assumed syntactically valid (the codec checks them); anything else is stored as literal levels and
 * never throws. Wildcard characters inside a published topic name are treated as plain text and match nothing.
 *
 * <p><b>Thread safety.</b> {@link #match} takes no locks and may run on any number of threads while others
 * subscribe and unsubscribe. A match concurrent with a subscribe or unsubscribe may or may not see that change,
 * but always sees whole nodes and never throws. Subscribe and unsubscribe are linearizable per (filter, subscriber)
 * pair: each takes only the lock of the one filter node it changes, and emptied nodes are pruned so memory follows
 * the live subscriptions, not their history. See {@link LevelTrie} for why pruning never loses a concurrent
 * subscribe.
 *
 * @param <S> subscriber identity
 */
public final class TopicTree<S> {

    private static final LevelKey SINGLE_LEVEL_WILDCARD = LevelKey.of(TopicLevels.SINGLE_LEVEL_WILDCARD);
    private static final LevelKey MULTI_LEVEL_WILDCARD = LevelKey.of(TopicLevels.MULTI_LEVEL_WILDCARD);

    private final LevelTrie<ConcurrentHashMap<S, QoS>> trie = new LevelTrie<>();
    private final LongAdder subscriptions = new LongAdder();

    /**
     * Adds or replaces the subscription of {@code subscriber} to {@code filter}; a subscription to an identical
     * filter replaces the existing one [MQTT-3.8.4-3].
     *
     * @return the QoS of the replaced subscription, or null if this pair is new
     */
    public QoS subscribe(String filter, S subscriber, QoS qos) {
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(subscriber, "subscriber");
        Objects.requireNonNull(qos, "qos");
        QoS previous = trie.updateOrCreate(filter, node -> {
            ConcurrentHashMap<S, QoS> subscribers = node.payload;
            if (subscribers == null) {
                subscribers = new ConcurrentHashMap<>();
                node.payload = subscribers;
            }
            return subscribers.put(subscriber, qos);
        });
        if (previous == null) {
            subscriptions.increment();
        }
        return previous;
    }

    /** @return whether the pair existed; nodes left empty are removed from the tree */
    public boolean unsubscribe(String filter, S subscriber) {
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(subscriber, "subscriber");
        boolean removed = trie.updateExisting(filter, node -> {
            ConcurrentHashMap<S, QoS> subscribers = node.payload;
            if (subscribers == null || subscribers.remove(subscriber) == null) {
                return false;
            }
            if (subscribers.isEmpty()) { // exact here: this map is only changed under the node's lock
                node.payload = null;
            }
            return true;
        }, false);
        if (removed) {
            subscriptions.decrement();
        }
        return removed;
    }

    /**
     * Calls {@code visitor} once per matching (filter, subscriber) pair with that subscription's QoS. A subscriber
     * whose filters overlap is visited once per matching filter; use {@link #matchDistinct} to deliver one copy per
     * subscriber. Exceptions thrown by the visitor propagate and end the walk.
     */
    public void match(String topic, BiConsumer<? super S, ? super QoS> visitor) {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(visitor, "visitor");
        boolean systemTopic = TopicLevels.isSystemLevel(topic);
        NodeStack<ConcurrentHashMap<S, QoS>> pending = new NodeStack<>();
        LevelKey level = LevelKey.cursor(); // re-pointed at each level: no substring, no String hashed per level
        pending.push(trie.root(), 0);
        while (!pending.isEmpty()) {
            TrieNode<ConcurrentHashMap<S, QoS>> node = pending.topNode();
            int position = pending.topPosition();
            pending.pop();
            boolean consumed = TopicLevels.allLevelsConsumed(topic, position);
            // No children.isEmpty() shortcut: ConcurrentHashMap's size is a sum of striped counters that can read
            // as zero while another thread adds and removes siblings, which would hide a live subscription.
            // [MQTT-4.7.2-1] a filter starting with a wildcard does not match a topic starting with '$'
            boolean wildcardsApply = position > 0 || !systemTopic;
            if (wildcardsApply) {
                // '#' matches the parent level and any number of child levels [MQTT-4.7.1-2]
                visit(node.children.get(MULTI_LEVEL_WILDCARD), visitor);
            }
            if (consumed) {
                visit(node, visitor);
                continue;
            }
            int end = level.pointAt(topic, position);
            int next = TopicLevels.nextLevelStart(end);
            if (wildcardsApply) {
                // '+' matches exactly one level, including an empty one [MQTT-4.7.1-3]
                pending.push(node.children.get(SINGLE_LEVEL_WILDCARD), next);
            }
            if (!TopicLevels.isWildcard(topic, position, end)) {
                pending.push(node.children.get(level), next);
            }
        }
    }

    /**
     * Collects the subscribers matching {@code topic} into {@code into}, once each, at the maximum QoS of their
     * matching subscriptions [MQTT-3.3.5-1]. {@code into} is cleared first; reuse one per thread (e.g. per event
     * loop) to keep the publish path free of per-message maps.
     */
    public void matchDistinct(String topic, MatchedSubscribers<S> into) {
        into.clear();
        match(topic, into);
    }

    /** Number of (filter, subscriber) pairs; exact when no write is in progress. */
    public int subscriptionCount() {
        return subscriptions.intValue();
    }

    /** Number of trie nodes; walks the tree, for diagnostics and tests, not for the hot path. */
    public int nodeCount() {
        return trie.nodeCount();
    }

    private static <S> void visit(TrieNode<ConcurrentHashMap<S, QoS>> node,
            BiConsumer<? super S, ? super QoS> visitor) {
        if (node == null) {
            return;
        }
        ConcurrentHashMap<S, QoS> subscribers = node.payload;
        if (subscribers != null) {
            subscribers.forEach(visitor);
        }
    }
}
