package io.opifex.topic;

import java.util.ArrayDeque;
import java.util.function.Function;

/**
 * A concurrent trie keyed by topic levels, shared by {@link TopicTree} and {@link TopicIndex}.
 *
 * <p>Readers walk {@link TrieNode#children} without locks. Writers lock one node at a time, never two, so there is
 * no lock ordering to get wrong. The invariant that makes pruning safe: a node that is locked and not
 * {@code removed} is reachable from the root, because
 * <ul>
 *   <li>a child is only added while holding the parent's lock after checking the parent is not removed, and</li>
 *   <li>a node is only removed while holding its own lock, when it has neither payload nor children.</li>
 * </ul>
 * A writer that finds a removed node on its way simply starts again from the root and builds a fresh path, so a
 * subscribe racing with the pruning of its path is never lost.
 */
final class LevelTrie<T> {

    private final TrieNode<T> root = new TrieNode<>(null, LevelKey.of(""));

    TrieNode<T> root() {
        return root;
    }

    /** Runs {@code action} holding the lock of the (created if missing) node for {@code path}, which is attached. */
    <R> R updateOrCreate(String path, Function<TrieNode<T>, R> action) {
        while (true) {
            TrieNode<T> node = walkCreating(path);
            if (node == null) {
                continue;
            }
            synchronized (node) {
                if (!node.removed) {
                    return action.apply(node);
                }
            }
        }
    }

    /**
     * Runs {@code action} holding the lock of the existing node for {@code path}, then prunes the node and its
     * ancestors if the action left them empty. Returns {@code absent} without calling the action if there is none.
     */
    <R> R updateExisting(String path, Function<TrieNode<T>, R> action, R absent) {
        while (true) {
            TrieNode<T> node = find(path);
            if (node == null) {
                return absent;
            }
            R result;
            synchronized (node) {
                if (node.removed) {
                    continue; // pruned between find and lock; it is unlinked now, so find sees the current path
                }
                result = action.apply(node);
            }
            prune(node);
            return result;
        }
    }

    /** Lock-free lookup of the node for {@code path}; it may be concurrently removed, so only read it. */
    TrieNode<T> find(String path) {
        TrieNode<T> node = root;
        LevelKey level = LevelKey.cursor();
        int start = 0;
        while (node != null) {
            int end = level.pointAt(path, start);
            node = node.children.get(level);
            start = TopicLevels.nextLevelStart(end);
            if (TopicLevels.allLevelsConsumed(path, start)) {
                return node;
            }
        }
        return null;
    }

    /** Number of nodes below the root; walks the whole trie, meant for diagnostics and tests. */
    int nodeCount() {
        int count = 0;
        ArrayDeque<TrieNode<T>> pending = new ArrayDeque<>(root.children.values());
        while (!pending.isEmpty()) {
            TrieNode<T> node = pending.poll();
            count++;
            pending.addAll(node.children.values());
        }
        return count;
    }

    /** Returns the node for {@code path}, creating missing levels, or null if it met a removed node (retry). */
    private TrieNode<T> walkCreating(String path) {
        TrieNode<T> node = root;
        LevelKey level = LevelKey.cursor();
        int start = 0;
        while (true) {
            int end = level.pointAt(path, start);
            TrieNode<T> child = node.children.get(level);
            if (child == null) {
                child = addChild(node, LevelKey.of(path.substring(start, end)));
                if (child == null) {
                    return null;
                }
            }
            node = child;
            start = TopicLevels.nextLevelStart(end);
            if (TopicLevels.allLevelsConsumed(path, start)) {
                return node;
            }
        }
    }

    private TrieNode<T> addChild(TrieNode<T> parent, LevelKey level) {
        synchronized (parent) {
            if (parent.removed) {
                return null;
            }
            return parent.children.computeIfAbsent(level, key -> new TrieNode<>(parent, key));
        }
    }

    /** Unlinks empty nodes bottom-up, re-checking emptiness under each node's own lock. */
    private void prune(TrieNode<T> start) {
        TrieNode<T> node = start;
        while (node.parent != null) {
            synchronized (node) {
                if (node.removed || !node.isEmpty()) {
                    return;
                }
                node.removed = true;
                node.parent.children.remove(node.key, node);
            }
            node = node.parent;
        }
    }
}
