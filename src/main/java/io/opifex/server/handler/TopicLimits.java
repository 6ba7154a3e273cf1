package io.opifex.server.handler;

import java.nio.charset.StandardCharsets;

/** The configured bounds on topic names and filters, beyond the protocol's own. */
public final class TopicLimits {

    private final int maxLength;
    private final int maxLevels;

    public TopicLimits(int maxLength, int maxLevels) {
        this.maxLength = maxLength;
        this.maxLevels = maxLevels;
    }

    /** @return null when within limits, else what is wrong */
    public String check(String topic) {
        int levels = 1;
        boolean ascii = true;
        for (int i = 0; i < topic.length(); i++) {
            char c = topic.charAt(i);
            if (c == '/') {
                levels++;
            } else if (c >= 0x80) {
                ascii = false;
            }
        }
        if (levels > maxLevels) {
            return "has " + levels + " levels, more than the limit of " + maxLevels;
        }
        int length = ascii ? topic.length() : topic.getBytes(StandardCharsets.UTF_8).length;
        if (length > maxLength) {
            return "is " + length + " bytes long, more than the limit of " + maxLength;
        }
        return null;
    }
}
