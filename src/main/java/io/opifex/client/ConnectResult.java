package io.opifex.client;

/**
 * An accepted connection.
 *
 * @param sessionPresent the broker resumed a stored session [MQTT-3.2.2-2]; always false with clean session
 */
public record ConnectResult(boolean sessionPresent) {
}
