package io.opifex.client;

/** The operation needs a connection and the client has none: not connected yet, or disconnected for good. */
public final class NotConnectedException extends MqttClientException {

    public NotConnectedException(String message) {
        super(message);
    }
}
