package io.opifex.topic;

/**
 * Level arithmetic over topic names and filters without splitting them into arrays, so matching a publish does
 * not allocate one string per level up front. Every string has at least one level: {@code ""} is one empty level,
 * {@code "a//b"} has three and {@code "/a"} two (spec 4.7.1.1: adjacent separators make a zero-length level).
 */
final class TopicLevels {

    static final char SEPARATOR = '/';
    static final String SINGLE_LEVEL_WILDCARD = "+";
    static final String MULTI_LEVEL_WILDCARD = "#";
    private static final char SYSTEM_PREFIX = '$';

    private TopicLevels() {
    }

    /** Start of the level after the one ending at {@code end}; greater than the length once all are consumed. */
    static int nextLevelStart(int end) {
        return end + 1;
    }

    static boolean allLevelsConsumed(String path, int position) {
        return position > path.length();
    }

    static boolean isSingleLevelWildcard(String path, int start, int end) {
        return end - start == 1 && path.charAt(start) == SINGLE_LEVEL_WILDCARD.charAt(0);
    }

    static boolean isMultiLevelWildcard(String path, int start, int end) {
        return end - start == 1 && path.charAt(start) == MULTI_LEVEL_WILDCARD.charAt(0);
    }

    static boolean isWildcard(String path, int start, int end) {
        return isSingleLevelWildcard(path, start, end) || isMultiLevelWildcard(path, start, end);
    }

    /** Topics such as {@code $SYS/...} that wildcards in the first filter level must not match [MQTT-4.7.2-1]. */
    static boolean isSystemLevel(String level) {
        return !level.isEmpty() && level.charAt(0) == SYSTEM_PREFIX;
    }
}
