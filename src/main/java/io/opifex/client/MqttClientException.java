package io.opifex.client;

/** Base of every failure the client reports through a future or the close handler. */
public class MqttClientException extends RuntimeException {

    public MqttClientException(String message) {
        super(message);
    }

    public MqttClientException(String message, Throwable cause) {
        super(message, cause);
    }
}
