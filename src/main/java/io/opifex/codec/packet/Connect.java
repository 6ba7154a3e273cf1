package io.opifex.codec.packet;

import java.util.Arrays;
import java.util.Objects;

/**
 * CONNECT. {@code will}, {@code userName} and {@code password} are null when their flag is 0.
 * The password array is owned by the record: do not mutate it.
 */
public record Connect(ProtocolVersion protocolVersion, String clientId, boolean cleanSession, int keepAliveSeconds,
                      Will will, String userName, byte[] password) implements MqttPacket {

    public Connect {
        Objects.requireNonNull(protocolVersion, "protocolVersion");
        Objects.requireNonNull(clientId, "clientId");
        if (keepAliveSeconds < 0 || keepAliveSeconds > 0xFFFF) {
            throw new IllegalArgumentException("keep alive must fit in 16 bits: " + keepAliveSeconds);
        }
    }

    @Override
    public PacketType type() {
        return PacketType.CONNECT;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Connect c && protocolVersion == c.protocolVersion && clientId.equals(c.clientId)
                && cleanSession == c.cleanSession && keepAliveSeconds == c.keepAliveSeconds
                && Objects.equals(will, c.will) && Objects.equals(userName, c.userName)
                && Arrays.equals(password, c.password);
    }

    @Override
    public int hashCode() {
        return Objects.hash(protocolVersion, clientId, cleanSession, keepAliveSeconds, will, userName,
                Arrays.hashCode(password));
    }

    @Override
    public String toString() {
        return "Connect[" + protocolVersion + ", clientId=" + clientId + ", cleanSession=" + cleanSession
                + ", keepAlive=" + keepAliveSeconds + ", will=" + will + ", userName=" + userName
                + ", password=" + (password == null ? "none" : "***") + "]";
    }
}
