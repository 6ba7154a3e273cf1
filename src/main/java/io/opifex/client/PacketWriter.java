package io.opifex.client;

import io.opifex.codec.packet.MqttPacket;

/** The live connection as the flows see it: present only while connected. */
interface PacketWriter {

    void send(MqttPacket packet);
}
