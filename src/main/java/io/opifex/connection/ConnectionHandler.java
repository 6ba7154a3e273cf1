package io.opifex.connection;

import io.opifex.codec.packet.MqttPacket;

/** The protocol side of a connection: receives decoded packets and learns, exactly once, that it ended. */
public interface ConnectionHandler {

    void onPacket(MqttPacket packet);

    void onClosed(CloseReason reason);
}
