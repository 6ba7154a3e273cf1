package io.opifex.server.e2e;

import static io.opifex.testing.Packets.connect;
import static io.opifex.testing.Packets.subscribe;
import static org.assertj.core.api.Assertions.assertThat;

import io.opifex.codec.packet.Connack;
import io.opifex.codec.packet.Puback;
import io.opifex.codec.packet.Publish;
import io.opifex.codec.packet.QoS;
import io.opifex.codec.packet.Suback;
import io.opifex.server.BrokerSettings;
import io.opifex.server.auth.Authorizer;
import io.opifex.testing.EmbeddedBroker;
import io.opifex.testing.Packets;
import io.opifex.testing.RawClient;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A persistent subscriber that keeps reconnecting (so its session moves between event loops) while a publisher
 * streams QoS 1 messages: the first copy of each message still arrives in publish order [MQTT-4.6.0-6].
 */
class SessionHandoverOrderTest {

    @Test
    @DisplayName("[MQTT-4.6.0-6] messages keep their order while the session is handed between event loops")
    void orderSurvivesReconnectsDuringStream() throws Exception {
        int total = 20_000;
        BrokerSettings roomy = new BrokerSettings(1000, 256, 32, 100_000, 1024, 32, 100, Duration.ofSeconds(1));
        try (EmbeddedBroker broker = EmbeddedBroker.start(roomy, Authorizer.allowAll(), EmbeddedBroker.connectionSettings())) {
            RawClient sub = new RawClient(broker.port());
            sub.send(connect("handover", false, 60));
            sub.read(Connack.class);
            sub.send(subscribe(1, "blast", QoS.AT_LEAST_ONCE));
            sub.read(Suback.class);
            RawClient pub = new RawClient(broker.port());
            pub.send(connect("blaster", true, 60));
            pub.read(Connack.class);
            CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
                try {
                    for (int chunk = 0; chunk < total / 100; chunk++) {
                        ByteArrayOutputStream out = new ByteArrayOutputStream();
                        for (int i = chunk * 100; i < chunk * 100 + 100; i++) {
                            out.write(Packets.publish("blast", String.valueOf(i), QoS.AT_LEAST_ONCE, (i % 60000) + 1, false, false));
                        }
                        pub.send(out.toByteArray());
                    }
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            CompletableFuture<Void> draining = CompletableFuture.runAsync(() -> {
                try { while (true) { pub.readPacket(); } } catch (Exception e) { }
            });
            Set<Integer> seen = new HashSet<>();
            List<Integer> firstSeen = new ArrayList<>();
            int reconnects = 0;
            while (seen.size() < total) {
                for (int i = 0; i < 300 && seen.size() < total; i++) {
                    Publish p = sub.read(Publish.class);
                    int m = Integer.parseInt(new String(p.payload(), StandardCharsets.UTF_8));
                    if (seen.add(m)) firstSeen.add(m);
                    sub.send(Packets.bytes(new Puback(p.packetId())));
                }
                if (seen.size() < total) {
                    sub.close();
                    sub = new RawClient(broker.port());
                    sub.send(connect("handover", false, 60));
                    sub.read(Connack.class);
                    reconnects++;
                }
            }
            sending.get();
            List<String> inversions = new ArrayList<>();
            for (int i = 1; i < firstSeen.size(); i++) {
                if (firstSeen.get(i) < firstSeen.get(i - 1)) inversions.add(firstSeen.get(i - 1) + ">" + firstSeen.get(i) + "@" + i);
            }
            assertThat(reconnects).as("the session was handed over many times").isGreaterThan(10);
            assertThat(inversions).as("first arrivals out of publish order").isEmpty();
            pub.close();
            sub.close();
        }
    }
}
