package io.opifex.server;

/** Where a client connection is in its life; packets are gated by it. */
enum ConnectionState {
    /** Socket open, nothing received: only CONNECT is allowed [MQTT-3.1.0-1]. */
    AWAITING_CONNECT,
    /** CONNECT accepted, the session is being claimed (possibly from another event loop); packets wait. */
    CONNECTING,
    /** CONNACK sent; every client-to-server packet but CONNECT is allowed [MQTT-3.1.0-2]. */
    CONNECTED,
    /** Closed; nothing more is processed. */
    CLOSED
}
