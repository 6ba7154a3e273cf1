package io.opifex.codec.packet;

/** The protocol name and level pairs a CONNECT may carry. */
public enum ProtocolVersion {
    /** MQTT 3.1: protocol name "MQIsdp", level 3. */
    MQTT_3_1("MQIsdp", 3),
    /** MQTT 3.1.1: protocol name "MQTT", level 4. */
    MQTT_3_1_1("MQTT", 4);

    private final String protocolName;
    private final int level;

    ProtocolVersion(String protocolName, int level) {
        this.protocolName = protocolName;
        this.level = level;
    }

    public String protocolName() {
        return protocolName;
    }

    public int level() {
        return level;
    }
}
