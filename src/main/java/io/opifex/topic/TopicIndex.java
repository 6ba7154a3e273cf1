package io.opifex.topic;

import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * Values stored per topic NAME and looked up by topic FILTER, the shape retained messages need: one value per
 * topic, found by the filter of a new subscription [MQTT-3.3.1-6]. A trie by level, so a filter only walks the
 * branches it can match.
 *
 * <p>Thread safety is as for {@link TopicTree}: {@link #get} and {@link #match} take no locks and see each
 * concurrent change either entirely or not at all; {@link #put} and {@link #remove} lock only the node they change
 * and prune empty nodes.
 *
 * @param <V> the stored value, e.g. a retained message
 */
public final class TopicIndex<V> {

    /** Position marker for "everything below this node", used once a '#' has been reached. */
    private static final int WHOLE_SUBTREE = -1;

    private final LevelTrie<V> trie = new LevelTrie<>();
    private final LongAdder size = new LongAdder();

    /** @return the value previously stored for {@code topic}, or null */
    public V put(String topic, V value) {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(value, "value");
        V previous = trie.updateOrCreate(topic, node -> {
            V old = node.payload;
            node.payload = value;
            return old;
        });
        if (previous == null) {
            size.increment();
        }
        return previous;
    }

    /** @return the removed value, or null if there was none */
    public V remove(String topic) {
        Objects.requireNonNull(topic, "topic");
        V removed = trie.updateExisting(topic, node -> {
            V old = node.payload;
            node.payload = null;
            return old;
        }, null);
        if (removed != null) {
            size.decrement();
        }
        return removed;
    }

    public V get(String topic) {
        Objects.requireNonNull(topic, "topic");
        TrieNode<V> node = trie.find(topic);
        return node == null ? null : node.payload;
    }

    /**
     * Calls {@code visitor} for the value of every topic that {@code filter} matches. Wildcards in the first
     * level do not match topics starting with '$' [MQTT-4.7.2-1]; {@code $SYS/#} does match {@code $SYS/x}.
     */
    public void match(String filter, Consumer<? super V> visitor) {
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(visitor, "visitor");
        NodeStack<V> pending = new NodeStack<>();
        LevelKey level = LevelKey.cursor();
        pending.push(trie.root(), 0);
        while (!pending.isEmpty()) {
            TrieNode<V> node = pending.topNode();
            int position = pending.topPosition();
            pending.pop();
            if (position == WHOLE_SUBTREE) {
                visit(node, visitor);
                pushChildren(pending, node, WHOLE_SUBTREE, false);
                continue;
            }
            if (TopicLevels.allLevelsConsumed(filter, position)) {
                visit(node, visitor);
                continue;
            }
            int end = level.pointAt(filter, position);
            boolean firstLevel = position == 0;
            if (TopicLevels.isMultiLevelWildcard(filter, position, end)) {
                visit(node, visitor); // '#' also matches the parent level [MQTT-4.7.1-2]
                pushChildren(pending, node, WHOLE_SUBTREE, firstLevel);
            } else if (TopicLevels.isSingleLevelWildcard(filter, position, end)) {
                pushChildren(pending, node, TopicLevels.nextLevelStart(end), firstLevel);
            } else {
                pending.push(node.children.get(level), TopicLevels.nextLevelStart(end));
            }
        }
    }

    /** Number of stored values; exact when no write is in progress. */
    public int size() {
        return size.intValue();
    }

    /** Number of trie nodes; walks the index, for diagnostics and tests. */
    public int nodeCount() {
        return trie.nodeCount();
    }

    private static <V> void pushChildren(NodeStack<V> pending, TrieNode<V> node, int position, boolean skipSystem) {
        for (TrieNode<V> child : node.children.values()) {
            if (!(skipSystem && TopicLevels.isSystemLevel(child.level))) { // [MQTT-4.7.2-1]
                pending.push(child, position);
            }
        }
    }

    private static <V> void visit(TrieNode<V> node, Consumer<? super V> visitor) {
        V value = node.payload;
        if (value != null) {
            visitor.accept(value);
        }
    }
}
