package io.opifex.server.session;

import io.opifex.codec.packet.QoS;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/** One session's topic filters and their granted QoS; a filter appears once [MQTT-3.8.4-3]. */
public final class SubscriptionSet {

    private final Map<String, QoS> byFilter = new HashMap<>();

    /** @return the QoS the filter had before, or null if it is new */
    public QoS put(String filter, QoS qos) {
        return byFilter.put(filter, qos);
    }

    /** @return whether the filter was there */
    public boolean remove(String filter) {
        return byFilter.remove(filter) != null;
    }

    public boolean contains(String filter) {
        return byFilter.containsKey(filter);
    }

    public int size() {
        return byFilter.size();
    }

    public void forEach(BiConsumer<String, QoS> action) {
        byFilter.forEach(action);
    }

    public void clear() {
        byFilter.clear();
    }
}
