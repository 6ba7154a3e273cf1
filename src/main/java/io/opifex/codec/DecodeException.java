package io.opifex.codec;

import io.opifex.codec.DecodeError.Reason;
import io.opifex.codec.packet.PacketType;

/**
 * Carries a {@link DecodeError} out of the per-packet decoders to {@link MqttDecoder#feed}, which turns it back into a
 * value for the sink. Never escapes the codec. No stack trace: it is an expected outcome on hostile input, not a bug.
 */
final class DecodeException extends RuntimeException {

    private final transient DecodeError error;

    DecodeException(Reason reason, PacketType packetType, String specId, String detail) {
        super(detail, null, false, false);
        this.error = new DecodeError(reason, packetType, specId, detail);
    }

    DecodeError error() {
        return error;
    }
}
