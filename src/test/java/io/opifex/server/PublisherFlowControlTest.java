package io.opifex.server;

import static io.opifex.testing.Packets.connect;
import static io.opifex.testing.Packets.publish;
import static io.opifex.testing.Packets.subscribe;
import static org.assertj.core.api.Assertions.assertThat;

import io.opifex.codec.packet.Connack;
import io.opifex.codec.packet.Puback;
import io.opifex.codec.packet.Publish;
import io.opifex.codec.packet.QoS;
import io.opifex.codec.packet.Suback;
import io.opifex.server.auth.Authorizer;
import io.opifex.testing.EmbeddedBroker;
import io.opifex.testing.Packets;
import io.opifex.testing.RawClient;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A QoS 1 publisher faster than its subscriber is paused instead of having its accepted messages dropped. */
class PublisherFlowControlTest {

    private static final int MAX_INFLIGHT = 2;
    private static final int MAX_QUEUED = 10;
    private static final int MESSAGES = 200;

    @Test
    @DisplayName("a slow subscriber's full queue pauses the QoS 1 publisher: every accepted message arrives, in order")
    void pausesPublisherInsteadOfDropping() throws Exception {
        BrokerSettings settings = new BrokerSettings(1000, 256, MAX_INFLIGHT, MAX_QUEUED, 1024, 32, 100,
                Duration.ofSeconds(60));
        try (EmbeddedBroker broker = EmbeddedBroker.start(settings, Authorizer.allowAll(),
                EmbeddedBroker.connectionSettings());
             RawClient subscriber = new RawClient(broker.port());
             RawClient publisher = new RawClient(broker.port())) {
            subscriber.send(connect("slow-subscriber", true, 0));
            subscriber.read(Connack.class);
            subscriber.send(subscribe(1, "flow/control", QoS.AT_LEAST_ONCE));
            subscriber.read(Suback.class);
            publisher.send(connect("fast-publisher", true, 0));
            publisher.read(Connack.class);

            // all of them at once: without flow control the queue of 10 would overflow at once
            ByteArrayOutputStream burst = new ByteArrayOutputStream();
            for (int i = 1; i <= MESSAGES; i++) {
                burst.write(publish("flow/control", String.valueOf(i), QoS.AT_LEAST_ONCE, i, false, false));
            }
            Thread reader = new Thread(() -> drainAcks(publisher), "publisher-acks");
            reader.start();
            publisher.send(burst.toByteArray());

            for (int expected = 1; expected <= MESSAGES; expected++) {
                Publish message = subscriber.read(Publish.class);
                assertThat(new String(message.payload(), StandardCharsets.UTF_8)).isEqualTo(String.valueOf(expected));
                subscriber.send(Packets.bytes(new Puback(message.packetId())));
            }
            reader.join(RawClient.DEFAULT_TIMEOUT.toMillis());
            assertThat(broker.broker().stats().messagesDropped()).isZero();
        }
    }

    private static void drainAcks(RawClient publisher) {
        try {
            for (int i = 1; i <= MESSAGES; i++) {
                assertThat(publisher.read(Puback.class).packetId()).isEqualTo(i);
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
