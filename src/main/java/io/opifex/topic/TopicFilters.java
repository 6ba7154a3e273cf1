package io.opifex.topic;

/**
 * One topic filter against one topic name or filter, with the level rules of {@link TopicTree} and
 * {@link TopicIndex} (spec 4.7): for rules that are checked one at a time, such as authorization, where a trie
 * would not pay off. Walks both strings level by level; nothing is split or copied.
 */
public final class TopicFilters {

    private TopicFilters() {
    }

    /**
     * Whether every topic {@code subject} can stand for is matched by {@code filter}. A topic name is covered when
     * the filter matches it; a subject filter is covered only level by level by a filter wildcard at least as
     * broad: {@code a/+} covers {@code a/+} and {@code a/b}, {@code a/#} covers {@code a/+/#}, but {@code a/b}
     * covers neither. A filter starting with a wildcard does not cover a subject starting with '$' [MQTT-4.7.2-1].
     */
    public static boolean covers(String filter, String subject) {
        int f = 0;
        int s = 0;
        if (TopicLevels.isSystemLevel(subject) && startsWithWildcard(filter)) {
            return false;
        }
        while (true) {
            boolean filterDone = TopicLevels.allLevelsConsumed(filter, f);
            boolean subjectDone = TopicLevels.allLevelsConsumed(subject, s);
            if (filterDone) {
                return subjectDone;
            }
            int filterEnd = levelEnd(filter, f);
            if (TopicLevels.isMultiLevelWildcard(filter, f, filterEnd)) {
                return true; // '#' covers the parent level and everything below [MQTT-4.7.1-2]
            }
            if (subjectDone) {
                return false;
            }
            int subjectEnd = levelEnd(subject, s);
            if (TopicLevels.isMultiLevelWildcard(subject, s, subjectEnd)) {
                return false; // only a '#' covers a '#'
            }
            boolean sameLevel = subjectEnd - s == filterEnd - f && filter.regionMatches(f, subject, s, filterEnd - f);
            if (!TopicLevels.isSingleLevelWildcard(filter, f, filterEnd) && !sameLevel) {
                return false; // a literal level covers only itself, not a '+' in the subject
            }
            f = TopicLevels.nextLevelStart(filterEnd);
            s = TopicLevels.nextLevelStart(subjectEnd);
        }
    }

    private static boolean startsWithWildcard(String filter) {
        int end = levelEnd(filter, 0);
        return TopicLevels.isWildcard(filter, 0, end);
    }

    private static int levelEnd(String path, int start) {
        int separator = path.indexOf(TopicLevels.SEPARATOR, start);
        return separator < 0 ? path.length() : separator;
    }
}
