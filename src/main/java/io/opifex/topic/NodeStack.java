package io.opifex.topic;

import java.util.Arrays;

/**
 * Explicit depth-first work list of (node, position) pairs. Matching iterates instead of recursing so a topic
 * with tens of thousands of levels cannot overflow the thread stack.
 */
final class NodeStack<T> {

    /**
     * Allocated per match, so kept small. Routing a topic pops one entry per step and pushes at most two (the
     * {@code +} child and the literal one), so the stack holds at most one entry more than the topic has levels:
     * topics of up to 7 levels never grow it.
     */
    private static final int INITIAL_CAPACITY = 8;

    @SuppressWarnings("unchecked")
    private TrieNode<T>[] nodes = (TrieNode<T>[]) new TrieNode<?>[INITIAL_CAPACITY];
    private int[] positions = new int[INITIAL_CAPACITY];
    private int size;

    /** Pushes nothing for a null node, so callers can push the result of a map lookup directly. */
    void push(TrieNode<T> node, int position) {
        if (node == null) {
            return;
        }
        if (size == nodes.length) {
            nodes = Arrays.copyOf(nodes, size * 2);
            positions = Arrays.copyOf(positions, size * 2);
        }
        nodes[size] = node;
        positions[size] = position;
        size++;
    }

    boolean isEmpty() {
        return size == 0;
    }

    TrieNode<T> topNode() {
        return nodes[size - 1];
    }

    int topPosition() {
        return positions[size - 1];
    }

    void pop() {
        size--;
        nodes[size] = null;
    }
}
