package io.opifex.client;

import io.opifex.codec.packet.ConnectReturnCode;
import io.opifex.codec.packet.ReasonCode;

/** The broker answered CONNECT with a CONNACK refusal; the message names the return code and its meaning. */
public final class ConnectRefusedException extends MqttClientException {

    private final ReasonCode reasonCode;
    private final ConnectReturnCode returnCode;

    /** @param reasonCode the CONNACK's refusal, one a CONNACK can carry */
    public ConnectRefusedException(ReasonCode reasonCode) {
        this(reasonCode, ConnectReturnCode.of(reasonCode));
    }

    public ConnectRefusedException(ConnectReturnCode returnCode) {
        this(returnCode.reasonCode(), returnCode);
    }

    private ConnectRefusedException(ReasonCode reasonCode, ConnectReturnCode returnCode) {
        super("connection refused by the broker: CONNACK return code " + returnCode.code() + " ("
                + returnCode.name().toLowerCase().replace('_', ' ') + ": " + returnCode.meaning() + ")");
        this.reasonCode = reasonCode;
        this.returnCode = returnCode;
    }

    /** The refusal as MQTT 3.x says it (the closest of its six codes, see {@link ConnectReturnCode#of}). */
    public ConnectReturnCode returnCode() {
        return returnCode;
    }

    /** The refusal as the CONNACK decoded it. */
    public ReasonCode reasonCode() {
        return reasonCode;
    }

    /** Only "server unavailable" may go away by itself; retrying bad credentials or a banned id cannot help. */
    boolean isWorthRetrying() {
        return returnCode == ConnectReturnCode.SERVER_UNAVAILABLE;
    }
}
