package io.opifex.server;

import static io.opifex.testing.Packets.connackHex;
import static io.opifex.testing.Packets.connect;
import static io.opifex.testing.Packets.publish;
import static io.opifex.testing.Packets.subscribe;
import static org.assertj.core.api.Assertions.assertThat;

import io.opifex.codec.packet.Connack;
import io.opifex.codec.packet.Puback;
import io.opifex.codec.packet.Publish;
import io.opifex.codec.packet.QoS;
import io.opifex.codec.packet.ReasonCode;
import io.opifex.codec.packet.Suback;
import io.opifex.persistence.memory.MemoryPersistence;
import io.opifex.server.auth.Authorizer;
import io.opifex.testing.EmbeddedBroker;
import io.opifex.testing.Packets;
import io.opifex.testing.RawClient;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The broker keeps offline sessions and retained messages in its store, and a new broker on the same store picks
 * them up: what a durable backend makes survive a restart. The memory store, shared between two brokers in one
 * process, stands in for it.
 */
class PersistenceRestartTest {

    @Test
    @DisplayName("[MQTT-3.1.2-4] [MQTT-3.1.2-5] a persistent session's subscriptions and queued messages survive a broker restart on the same store")
    void offlineSessionSurvivesRestart() throws Exception {
        MemoryPersistence store = new MemoryPersistence();
        try (EmbeddedBroker first = start(store)) {
            try (RawClient subscriber = new RawClient(first.port())) {
                subscriber.send(connect("survivor", false, 60));
                subscriber.read(Connack.class);
                subscriber.send(subscribe(1, "restart/+", QoS.AT_LEAST_ONCE));
                assertThat(subscriber.read(Suback.class).reasonCodes()).containsExactly(ReasonCode.GRANTED_QOS_1);
                subscriber.sendHex("e000"); // DISCONNECT: the session goes to the store
                assertThat(subscriber.closedByBroker()).isTrue();
            }
            try (RawClient publisher = new RawClient(first.port())) {
                publisher.send(connect("restart-pub", true, 60));
                publisher.read(Connack.class);
                for (int i = 1; i <= 3; i++) {
                    publisher.send(publish("restart/a", "m" + i, QoS.AT_LEAST_ONCE, i, false, false));
                    assertThat(publisher.read(Puback.class).packetId()).isEqualTo(i);
                }
                publisher.send(publish("restart/retained", "kept", QoS.AT_MOST_ONCE, 0, false, true));
                publisher.send(publish("restart/qos0", "not kept offline", QoS.AT_MOST_ONCE, 0, false, false));
                publisher.sendHex("e000");
                assertThat(publisher.closedByBroker()).isTrue();
            }
        }
        try (EmbeddedBroker second = start(store); RawClient subscriber = new RawClient(second.port())) {
            subscriber.send(connect("survivor", false, 60));
            assertThat(subscriber.readPacketHex()).isEqualTo(connackHex(true, 0)); // [MQTT-3.2.2-2]
            for (int i = 1; i <= 3; i++) {
                Publish message = subscriber.read(Publish.class);
                assertThat(new String(message.payload(), StandardCharsets.UTF_8)).isEqualTo("m" + i);
                assertThat(message.qos()).isEqualTo(QoS.AT_LEAST_ONCE);
                subscriber.send(Packets.bytes(new Puback(message.packetId())));
            }
            // the retained message was kept too, and the subscription still routes
            subscriber.send(subscribe(2, "restart/retained", QoS.AT_MOST_ONCE));
            subscriber.read(Suback.class);
            Publish retained = subscriber.read(Publish.class);
            assertThat(retained.retain()).isTrue();
            assertThat(new String(retained.payload(), StandardCharsets.UTF_8)).isEqualTo("kept");
        }
    }

    private static EmbeddedBroker start(MemoryPersistence store) {
        return EmbeddedBroker.start(BrokerSettings.defaults(), Authorizer.allowAll(),
                EmbeddedBroker.connectionSettings(), store);
    }
}
