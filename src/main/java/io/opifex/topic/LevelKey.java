package io.opifex.topic;

/**
 * The key of {@link TrieNode#children}: one topic level, held as a region of a string, so that looking a level up
 * while matching neither copies it out with {@code substring} nor hashes a fresh String.
 *
 * <p>Two kinds of instance, equal whenever their regions hold the same chars:
 * <ul>
 *   <li>stored keys, made by {@link #of} when a node is created; they are never changed, as a map key must not be;
 *   </li>
 *   <li>one {@link #cursor()} per walk, re-pointed at each level with {@link #pointAt}. It is only ever passed to
 *       {@code get}, which does not keep it, and only used by the thread that made it, so mutating it is safe.</li>
 * </ul>
 */
final class LevelKey {

    private static final int HASH_MULTIPLIER = 31;

    private final boolean cursor;
    private String path;
    private int start;
    private int end;
    private int hash;

    private LevelKey(boolean cursor) {
        this.cursor = cursor;
    }

    /** An immutable key for {@code level}, which holds no separator. */
    static LevelKey of(String level) {
        LevelKey key = new LevelKey(false);
        key.set(level, 0);
        return key;
    }

    /** A reusable key for lookups; never store it in a map. */
    static LevelKey cursor() {
        return new LevelKey(true);
    }

    /**
     * Points this cursor at the level of {@code path} that starts at {@code levelStart}, hashing it on the way.
     *
     * @return the index just past the level: the next separator or the length of {@code path}
     */
    int pointAt(String path, int levelStart) {
        if (!cursor) {
            throw new IllegalStateException("a stored key must not change");
        }
        return set(path, levelStart);
    }

    /** The level as a String, e.g. for {@link TopicLevels#isSystemLevel}; stored keys return it without a copy. */
    String level() {
        return start == 0 && end == path.length() ? path : path.substring(start, end);
    }

    /** Finds the level's end and its hash in one pass over its chars. */
    private int set(String path, int levelStart) {
        int h = 0;
        int i = levelStart;
        for (int length = path.length(); i < length; i++) {
            char c = path.charAt(i);
            if (c == TopicLevels.SEPARATOR) {
                break;
            }
            h = HASH_MULTIPLIER * h + c;
        }
        this.path = path;
        this.start = levelStart;
        this.end = i;
        this.hash = h;
        return i;
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof LevelKey other) || other.hash != hash) {
            return false;
        }
        int length = end - start;
        return other.end - other.start == length && path.regionMatches(start, other.path, other.start, length);
    }

    @Override
    public String toString() {
        return level();
    }
}
