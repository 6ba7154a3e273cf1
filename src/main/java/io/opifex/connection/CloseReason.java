package io.opifex.connection;

/** Why a connection ended; bounded, so it can label a metric. */
public enum CloseReason {
    /** The client sent DISCONNECT. */
    CLIENT_DISCONNECT,
    /** The socket closed or failed without a DISCONNECT. */
    CONNECTION_LOST,
    /** No complete CONNECT arrived within the connect timeout. */
    CONNECT_TIMEOUT,
    /** Nothing arrived within 1.5 times the keep-alive [MQTT-3.1.2-24]. */
    KEEP_ALIVE_TIMEOUT,
    /** Malformed input or a protocol violation. */
    PROTOCOL_ERROR,
    /** Another connection took over the client id [MQTT-3.1.4-2]. */
    TAKEOVER,
    /** The CONNECT was refused with a CONNACK return code. */
    CONNECT_REFUSED,
    /** The broker is shutting down. */
    SHUTDOWN
}
