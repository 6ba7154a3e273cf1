package io.opifex.client;

/** The connection to the broker ended without the client asking for it. */
public final class ConnectionLostException extends MqttClientException {

    public ConnectionLostException(String message) {
        super(message);
    }

    public ConnectionLostException(String message, Throwable cause) {
        super(message, cause);
    }
}
