package io.opifex.client;

/** An operation did not complete within its configured time. */
public final class ClientTimeoutException extends MqttClientException {

    public ClientTimeoutException(String message) {
        super(message);
    }
}
