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
import io.opifex.testing.BrokerExtension;
import io.opifex.testing.Packets;
import io.opifex.testing.RawClient;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A QoS 1 publisher faster than its subscriber is paused instead of having its accepted messages dropped, and it
 * still gets every PUBACK, in order.
 */
class PublisherFlowControlTest {

    private static final int MAX_INFLIGHT = 2;
    private static final int MAX_QUEUED = 10;
    private static final int MESSAGES = 200;

    @RegisterExtension
    static final BrokerExtension broker = BrokerExtension.create().withSettings(new BrokerSettings(1000, 256,
            MAX_INFLIGHT, MAX_QUEUED, 1024, 32, 100, Duration.ofSeconds(60)));

    @Test
    @DisplayName("[MQTT-4.6.0-2] a slow subscriber's full queue pauses the QoS 1 publisher: every accepted message "
            + "arrives, in order, and the publisher gets its PUBACKs in the order of its PUBLISHes")
    void pausesPublisherInsteadOfDropping() throws Exception {
        try (RawClient subscriber = new RawClient(broker.port()); RawClient publisher = new RawClient(broker.port())) {
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
            publisher.send(burst.toByteArray());

            for (int expected = 1; expected <= MESSAGES; expected++) {
                Publish message = subscriber.read(Publish.class);
                assertThat(new String(message.payload(), StandardCharsets.UTF_8)).isEqualTo(String.valueOf(expected));
                subscriber.send(Packets.bytes(new Puback(message.packetId())));
            }
            // read on the test thread, so a wrong one fails the test; meanwhile they waited in the publisher's
            // socket (4 bytes each), holding nothing up
            List<Integer> acknowledged = new ArrayList<>();
            for (int i = 1; i <= MESSAGES; i++) {
                acknowledged.add(publisher.read(Puback.class).packetId());
            }
            assertThat(acknowledged).as("PUBACK packet ids, in the order they came")
                    .containsExactlyElementsOf(IntStream.rangeClosed(1, MESSAGES).boxed().toList());
            assertThat(broker.broker().stats().messagesDropped()).isZero();
        }
    }
}
