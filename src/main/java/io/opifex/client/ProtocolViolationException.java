package io.opifex.client;

/** The broker broke MQTT (malformed packet, unexpected acknowledgement, ...): the client closed the connection. */
public final class ProtocolViolationException extends MqttClientException {

    public ProtocolViolationException(String message) {
        super("protocol violation by the broker: " + message);
    }
}
