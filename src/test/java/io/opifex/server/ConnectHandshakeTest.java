package io.opifex.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.opifex.app.BrokerService;
import io.opifex.testing.Packets;
import io.opifex.testing.RawClient;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The started service answers CONNECT over a real socket, and closes on a malformed one. */
@QuarkusTest
class ConnectHandshakeTest {

    @Inject
    BrokerService service;

    @Test
    @DisplayName("[MQTT-3.1.4-4] a valid CONNECT gets CONNACK 0x00 from the started service")
    void acceptsConnect() throws Exception {
        try (RawClient client = new RawClient(service.port())) {
            client.send(Packets.connect("handshake-1", true, 60));
            assertThat(client.readPacketHex()).isEqualTo("20020000");
        }
    }

    @Test
    @DisplayName("[MQTT-3.1.2-3] [MQTT-3.1.4-1] a CONNECT with the reserved flag set is closed without CONNACK")
    void closesOnReservedConnectFlag() throws Exception {
        try (RawClient client = new RawClient(service.port())) {
            // "MQTT", level 4, flags 0b0000_0011 (clean session + reserved bit), keep-alive 60, client id "x"
            client.sendHex("100d 0004 4d515454 04 03 003c 0001 78");
            assertThat(client.closedByBroker()).isTrue();
        }
    }

    @Test
    @DisplayName("[MQTT-3.1.2-2] an unsupported protocol level gets CONNACK 0x01, then the close")
    void refusesUnsupportedProtocolLevel() throws Exception {
        try (RawClient client = new RawClient(service.port())) {
            client.sendHex("100d 0004 4d515454 05 02 003c 0001 78");
            assertThat(client.readPacketHex()).isEqualTo("20020001");
            assertThat(client.closedByBroker()).isTrue();
        }
    }

    @Test
    @DisplayName("[MQTT-3.1.0-1] a first packet other than CONNECT closes the connection")
    void closesWhenFirstPacketIsNotConnect() throws Exception {
        try (RawClient client = new RawClient(service.port())) {
            client.sendHex("c000"); // PINGREQ
            assertThat(client.closedByBroker()).isTrue();
        }
    }

    @Test
    @DisplayName("a remaining length over the maximum packet size closes the connection before the body arrives")
    void closesOnOversizedPacket() throws Exception {
        try (RawClient client = new RawClient(service.port())) {
            client.send(Packets.connect("oversize", true, 60));
            assertThat(client.readPacketHex()).isEqualTo("20020000");
            client.sendHex("30 ffffff7f"); // PUBLISH announcing 256 MiB - 1, nothing of it sent
            assertThat(client.closedByBroker()).isTrue();
        }
    }
}
