package io.opifex.connection;

import java.time.Duration;

/**
 * Limits the connection layer enforces before the protocol sees anything.
 *
 * @param maxPacketSize       largest remaining length accepted; larger packets are refused before buffering
 * @param connectTimeout      time allowed for the first packet after the socket opens
 * @param writeQueueHighWater bytes queued to the socket before reading from it is paused
 */
public record ConnectionSettings(int maxPacketSize, Duration connectTimeout, int writeQueueHighWater) {
}
