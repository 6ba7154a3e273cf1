package io.opifex.topic;

import java.util.concurrent.ConcurrentHashMap;

/**
 * One topic level in a {@link LevelTrie}. Readers use {@link #children} and {@link #payload} without locks;
 * writers change them only while holding this node's monitor, which also guards {@link #removed}.
 */
final class TrieNode<T> {

    /** Null for the root, which is never removed. */
    final TrieNode<T> parent;
    /** The level this node stands for. */
    final String level;
    /** The same level as this node's key in the parent's children. */
    final LevelKey key;
    final ConcurrentHashMap<LevelKey, TrieNode<T>> children = new ConcurrentHashMap<>();
    /** What the owning structure stores at this level; null means nothing, and then the node may be pruned. */
    volatile T payload;
    /** Set once, when the node is unlinked from its parent; a writer that finds it set must start over. */
    boolean removed;

    TrieNode(TrieNode<T> parent, LevelKey key) {
        this.parent = parent;
        this.key = key;
        this.level = key.level();
    }

    /**
     * Call holding this node's lock. Uses a traversal, not {@code children.isEmpty()}: the map's size is a sum of
     * striped counters that can read low while siblings are removed concurrently, whereas a traversal is guaranteed
     * to see every entry present throughout it.
     */
    boolean isEmpty() {
        return payload == null && !children.keys().hasMoreElements();
    }
}
