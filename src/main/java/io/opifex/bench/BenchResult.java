package io.opifex.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/** The outcome of a run as ordered key=value pairs: the last line the benchmark prints on stdout. */
public final class BenchResult {

    private final Map<String, Object> values = new LinkedHashMap<>();

    public void put(String key, Object value) {
        values.put(key, value);
    }

    public Object get(String key) {
        return values.get(key);
    }

    public Map<String, Object> values() {
        return values;
    }

    /** {@code key=value} separated by spaces; values never contain spaces (they are replaced by '_'). */
    public String toLine() {
        StringJoiner line = new StringJoiner(" ");
        values.forEach((key, value) -> line.add(key + "=" + String.valueOf(value).replace(' ', '_')));
        return line.toString();
    }

    @Override
    public String toString() {
        return toLine();
    }
}
