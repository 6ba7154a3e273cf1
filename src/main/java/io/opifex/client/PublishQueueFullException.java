package io.opifex.client;

/** A QoS 1/2 publish found the in-flight window and the bounded wait queue both full: the caller is too fast. */
public final class PublishQueueFullException extends MqttClientException {

    public PublishQueueFullException(int inFlight, int queued) {
        super("publish queue full: " + inFlight + " messages in flight and " + queued
                + " waiting (raise maxQueuedPublishes or wait for earlier publishes to complete)");
    }
}
