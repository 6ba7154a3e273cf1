package io.opifex.client;

import io.opifex.codec.packet.ConnectReturnCode;

/** The broker answered CONNECT with a CONNACK refusal; the message names the return code and its meaning. */
public final class ConnectRefusedException extends MqttClientException {

    private final ConnectReturnCode returnCode;

    public ConnectRefusedException(ConnectReturnCode returnCode) {
        super("connection refused by the broker: CONNACK return code " + returnCode.code() + " ("
                + returnCode.name().toLowerCase().replace('_', ' ') + ": " + returnCode.meaning() + ")");
        this.returnCode = returnCode;
    }

    public ConnectReturnCode returnCode() {
        return returnCode;
    }

    /** Only "server unavailable" may go away by itself; retrying bad credentials or a banned id cannot help. */
    boolean isWorthRetrying() {
        return returnCode == ConnectReturnCode.SERVER_UNAVAILABLE;
    }
}
