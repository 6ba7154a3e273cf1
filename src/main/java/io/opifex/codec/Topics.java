package io.opifex.codec;

/**
 * Topic name and topic filter rules of MQTT 3.1.1 section 4.7, shared by the decoder (PUBLISH, will, SUBSCRIBE,
 * UNSUBSCRIBE) and the broker (configuration, ACLs). Levels are separated by '/'; '+' matches one level, '#' the
 * rest of the tree.
 */
public final class Topics {

    public static final char LEVEL_SEPARATOR = '/';
    public static final char SINGLE_LEVEL_WILDCARD = '+';
    public static final char MULTI_LEVEL_WILDCARD = '#';

    private static final char NULL_CHARACTER = '\u0000';

    private Topics() {
    }

    /** A broken rule: the spec id ("MQTT-4.7.3-1") and a short explanation. */
    public record Violation(String specId, String detail) {

        @Override
        public String toString() {
            return "[" + specId + "] " + detail;
        }
    }

    /** @return null when {@code topicName} may be published to, else the reason, prefixed with its spec id */
    public static String validateTopicName(String topicName) {
        Violation violation = topicNameViolation(topicName);
        return violation == null ? null : violation.toString();
    }

    /** @return null when {@code topicFilter} may be subscribed to, else the reason, prefixed with its spec id */
    public static String validateTopicFilter(String topicFilter) {
        Violation violation = topicFilterViolation(topicFilter);
        return violation == null ? null : violation.toString();
    }

    public static Violation topicNameViolation(String topicName) {
        Violation common = commonViolation(topicName, "topic name");
        if (common != null) {
            return common;
        }
        for (int i = 0; i < topicName.length(); i++) {
            char c = topicName.charAt(i);
            if (c == SINGLE_LEVEL_WILDCARD || c == MULTI_LEVEL_WILDCARD) {
                // [MQTT-3.3.2-2] for PUBLISH, the same rule as [MQTT-4.7.1-1] for any topic name (e.g. the will's)
                return new Violation("MQTT-3.3.2-2", "topic name contains the wildcard '" + c + "' at " + i);
            }
        }
        return null;
    }

    public static Violation topicFilterViolation(String topicFilter) {
        Violation common = commonViolation(topicFilter, "topic filter");
        if (common != null) {
            return common;
        }
        int last = topicFilter.length() - 1;
        for (int i = 0; i <= last; i++) {
            char c = topicFilter.charAt(i);
            boolean aloneInLevel = (i == 0 || topicFilter.charAt(i - 1) == LEVEL_SEPARATOR)
                    && (i == last || topicFilter.charAt(i + 1) == LEVEL_SEPARATOR);
            if (c == MULTI_LEVEL_WILDCARD && !(aloneInLevel && i == last)) {
                // [MQTT-4.7.1-2] '#' must be alone in its level and the last character
                return new Violation("MQTT-4.7.1-2", "'#' must be the last character and alone in its level, at " + i);
            }
            if (c == SINGLE_LEVEL_WILDCARD && !aloneInLevel) {
                // [MQTT-4.7.1-3] '+' must occupy an entire level
                return new Violation("MQTT-4.7.1-3", "'+' must occupy an entire level, at " + i);
            }
        }
        return null;
    }

    private static Violation commonViolation(String topic, String what) {
        if (topic.isEmpty()) {
            // [MQTT-4.7.3-1] topic names and filters are at least one character long
            return new Violation("MQTT-4.7.3-1", what + " is empty");
        }
        if (topic.indexOf(NULL_CHARACTER) >= 0) {
            // [MQTT-4.7.3-2] no U+0000 (also [MQTT-1.5.3-2] for any string)
            return new Violation("MQTT-4.7.3-2", what + " contains U+0000");
        }
        try {
            if (Utf8.encodedLength(topic) > Utf8.MAX_ENCODED_LENGTH) {
                // [MQTT-4.7.3-3] at most 65535 bytes of UTF-8
                return new Violation("MQTT-4.7.3-3", what + " is longer than 65535 bytes in UTF-8");
            }
        } catch (IllegalArgumentException unpairedSurrogate) {
            // only reachable from configuration strings: decoded strings are well-formed
            return new Violation(Utf8.SPEC_WELL_FORMED, what + " has an unpaired surrogate");
        }
        return null;
    }
}
