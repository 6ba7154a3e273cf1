package io.opifex.server.port;

/** Whether the broker takes a new client now. */
@FunctionalInterface
public interface Admission {

    /** @return null when a new client may connect, else why not (it gets CONNACK 0x03, server unavailable) */
    String refusal();
}
