package io.opifex.server.handler;

import io.opifex.codec.packet.MqttPacket;
import io.opifex.codec.packet.PacketType;
import io.opifex.server.port.Client;

/**
 * The dispatch table of a connected client: one handler per packet type, looked up by the type's ordinal. Packets
 * a client must never send map to handlers that close the connection as a protocol violation.
 */
public final class PacketHandlers {

    private final PacketHandler<?>[] byType = new PacketHandler<?>[PacketType.values().length];

    /** @param handler for packets of {@code type}, which must be of class {@code P} */
    public <P extends MqttPacket> PacketHandlers on(PacketType type, PacketHandler<P> handler) {
        byType[type.ordinal()] = handler;
        return this;
    }

    /** @throws IllegalStateException naming the types no handler was given for */
    public PacketHandlers complete() {
        for (PacketType type : PacketType.values()) {
            if (byType[type.ordinal()] == null) {
                throw new IllegalStateException("no handler for " + type);
            }
        }
        return this;
    }

    /**
     * One call site per packet type, each of which only ever sees that type's handler, so the JIT can inline the
     * handler there (HotSpot profiles receiver types per call site: one shared site would see every handler class
     * and inline none).
     */
    @SuppressWarnings("unchecked")
    public void dispatch(Client client, MqttPacket packet) {
        PacketHandler<MqttPacket> handler = (PacketHandler<MqttPacket>) byType[packet.type().ordinal()];
        switch (packet.type()) {
            case PUBLISH -> handler.handle(client, packet);
            case PUBACK -> handler.handle(client, packet);
            case PUBREC -> handler.handle(client, packet);
            case PUBREL -> handler.handle(client, packet);
            case PUBCOMP -> handler.handle(client, packet);
            case SUBSCRIBE -> handler.handle(client, packet);
            case UNSUBSCRIBE -> handler.handle(client, packet);
            case PINGREQ -> handler.handle(client, packet);
            case DISCONNECT -> handler.handle(client, packet);
            default -> handler.handle(client, packet); // CONNECT and the packets only a server sends
        }
    }
}
