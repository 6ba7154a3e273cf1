package io.opifex.app;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.opifex.codec.packet.Connack;
import io.opifex.codec.packet.Puback;
import io.opifex.codec.packet.QoS;
import io.opifex.codec.packet.Suback;
import io.opifex.codec.packet.Publish;
import io.opifex.testing.Packets;
import io.opifex.testing.RawClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Health and metrics on the management interface of the started service. */
@QuarkusTest
class ManagementEndpointsTest {

    @TestHTTPResource(value = "/", management = true)
    URL management;

    @Inject
    BrokerService service;

    @Test
    @DisplayName("started, ready and live answer UP with the reasons in their data")
    void probesAreUp() {
        given().get(management + "health/started").then().statusCode(200)
                .body("checks.find { it.name == 'opifex-started' }.data.mqtt-port", equalTo(service.port()));
        given().get(management + "health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'opifex-ready' }.data.draining", equalTo(false));
        given().get(management + "health/live").then().statusCode(200)
                .body("checks.find { it.name == 'opifex-event-loops' }.status", equalTo("UP"));
    }

    @Test
    @DisplayName("metrics count real traffic: connects, messages by QoS, deliveries, protocol errors")
    void metricsCountTraffic() throws Exception {
        double acceptedBefore = metric("opifex_connects_total{result=\"accepted\"}");
        double receivedBefore = metric("opifex_messages_received_total{qos=\"1\"}");
        double sentBefore = metric("opifex_messages_sent_total{qos=\"1\"}");
        double errorsBefore = metric("opifex_protocol_errors_total{kind=\"invalid_fixed_header_flags\"}");
        try (RawClient subscriber = new RawClient(service.port()); RawClient publisher = new RawClient(service.port())) {
            subscriber.send(Packets.connect("metrics-sub", true, 60));
            subscriber.read(Connack.class);
            subscriber.send(Packets.subscribe(1, "metrics/test", QoS.AT_LEAST_ONCE));
            subscriber.read(Suback.class);
            publisher.send(Packets.connect("metrics-pub", true, 60));
            publisher.read(Connack.class);
            for (int i = 1; i <= 3; i++) {
                publisher.send(Packets.publish("metrics/test", "m" + i, QoS.AT_LEAST_ONCE, i, false, false));
                publisher.read(Puback.class);
                Publish delivered = subscriber.read(Publish.class);
                subscriber.send(Packets.bytes(new Puback(delivered.packetId())));
            }
        }
        try (RawClient bad = new RawClient(service.port())) {
            bad.sendHex("c1 00"); // PINGREQ with a reserved flag bit
            assertThat(bad.closedByBroker()).isTrue();
        }
        assertThat(metric("opifex_connects_total{result=\"accepted\"}") - acceptedBefore).isEqualTo(2);
        assertThat(metric("opifex_messages_received_total{qos=\"1\"}") - receivedBefore).isEqualTo(3);
        assertThat(metric("opifex_messages_sent_total{qos=\"1\"}") - sentBefore).isEqualTo(3);
        assertThat(metric("opifex_protocol_errors_total{kind=\"invalid_fixed_header_flags\"}") - errorsBefore)
                .isEqualTo(1);
        String body = given().get(management + "metrics").then().statusCode(200).extract().asString();
        assertThat(body).contains("opifex_build_info{").contains("opifex_delivery_latency_seconds_bucket{");
    }

    @Test
    @DisplayName("a fan-out counts every copy sent but times each message once per event loop, not once per copy")
    void deliveryLatencyIsTimedOncePerMessageAndLoop() throws Exception {
        int subscribers = service.listenerInstances() + 1; // two of them share a loop, whatever the distribution
        double sentBefore = metric("opifex_messages_sent_total{qos=\"0\"}");
        double timedBefore = metric("opifex_delivery_latency_seconds_count");
        java.util.List<RawClient> clients = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < subscribers; i++) {
                RawClient subscriber = new RawClient(service.port());
                clients.add(subscriber);
                subscriber.send(Packets.connect("fan-out-sub-" + i, true, 60));
                subscriber.read(Connack.class);
                subscriber.send(Packets.subscribe(1, "metrics/fan-out", QoS.AT_MOST_ONCE));
                subscriber.read(Suback.class);
            }
            RawClient publisher = new RawClient(service.port());
            clients.add(publisher);
            publisher.send(Packets.connect("fan-out-pub", true, 60));
            publisher.read(Connack.class);
            publisher.send(Packets.publish("metrics/fan-out", "once", QoS.AT_MOST_ONCE, 0, false, false));
            for (RawClient subscriber : clients.subList(0, subscribers)) {
                assertThat(subscriber.read(Publish.class).topic()).isEqualTo("metrics/fan-out");
            }
        } finally {
            for (RawClient client : clients) {
                client.close();
            }
        }
        assertThat(metric("opifex_messages_sent_total{qos=\"0\"}") - sentBefore).isEqualTo(subscribers);
        assertThat(metric("opifex_delivery_latency_seconds_count") - timedBefore)
                .isBetween(1.0, (double) service.listenerInstances());
    }

    @Test
    @DisplayName("an offline persistent session's queue shows in queued messages and bytes, and its store writes are timed")
    void metricsShowStoredSessions() throws Exception {
        double writesBefore = metric("opifex_store_write_seconds_count");
        double queuedBefore = metric("opifex_queued_messages");
        double bytesBefore = metric("opifex_queued_bytes");
        try (RawClient away = new RawClient(service.port())) {
            away.send(Packets.connect("metrics-away", false, 60));
            away.read(Connack.class);
            away.send(Packets.subscribe(1, "metrics/away", QoS.AT_LEAST_ONCE));
            away.read(Suback.class);
            away.sendHex("e000");
            assertThat(away.closedByBroker()).isTrue();
        }
        try (RawClient publisher = new RawClient(service.port())) {
            publisher.send(Packets.connect("metrics-away-pub", true, 60));
            publisher.read(Connack.class);
            publisher.send(Packets.publish("metrics/away", "12345", QoS.AT_LEAST_ONCE, 1, false, false));
            publisher.read(Puback.class);
        }
        assertThat(metric("opifex_queued_messages") - queuedBefore).isEqualTo(1);
        assertThat(metric("opifex_queued_bytes") - bytesBefore).isEqualTo(5);
        assertThat(metric("opifex_store_write_seconds_count") - writesBefore).as("save and enqueue")
                .isGreaterThanOrEqualTo(2);
        try (RawClient back = new RawClient(service.port())) {
            back.send(Packets.connect("metrics-away", true, 60)); // clean session: the stored one is dropped
            back.read(Connack.class);
        }
        assertThat(metric("opifex_queued_messages")).isEqualTo(queuedBefore);
        assertThat(metric("opifex_queued_bytes")).isEqualTo(bytesBefore);
    }

    private double metric(String series) {
        String body = given().get(management + "metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(body);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
