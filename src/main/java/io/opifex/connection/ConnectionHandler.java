package io.opifex.connection;

import io.opifex.codec.DecodeError;
import io.opifex.codec.packet.MqttPacket;

/** The protocol side of a connection: receives decoded packets and learns, exactly once, that it ended. */
public interface ConnectionHandler {

    void onPacket(MqttPacket packet);

    /**
     * The peer sent bytes that are no valid packet; nothing more will be decoded. The connection closes itself with
     * {@link CloseReason#PROTOCOL_ERROR} right after this returns, unless the handler closed it already: the handler
     * may answer first (e.g. a CONNACK refusing an unsupported protocol level) and close with its own reason.
     */
    void onDecodeError(DecodeError error);

    void onClosed(CloseReason reason);
}
