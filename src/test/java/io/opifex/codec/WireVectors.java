package io.opifex.codec;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.opifex.codec.packet.Connack;
import io.opifex.codec.packet.Connect;
import io.opifex.codec.packet.Disconnect;
import io.opifex.codec.packet.MqttPacket;
import io.opifex.codec.packet.Pingreq;
import io.opifex.codec.packet.Pingresp;
import io.opifex.codec.packet.ProtocolVersion;
import io.opifex.codec.packet.Puback;
import io.opifex.codec.packet.Pubcomp;
import io.opifex.codec.packet.Publish;
import io.opifex.codec.packet.Pubrec;
import io.opifex.codec.packet.Pubrel;
import io.opifex.codec.packet.QoS;
import io.opifex.codec.packet.ReasonCode;
import io.opifex.codec.packet.Suback;
import io.opifex.codec.packet.Subscribe;
import io.opifex.codec.packet.TopicSubscription;
import io.opifex.codec.packet.Unsuback;
import io.opifex.codec.packet.Unsubscribe;
import io.opifex.codec.packet.Will;
import java.util.List;

/**
 * Byte-exact valid packets, each paired with the record it is. Written by hand from the spec, byte by byte, with
 * the fields annotated; the same vectors drive the decode, encode, round-trip and chunking tests. All are in the
 * MQTT 3.1.1 form, which is also the form of a connection whose version is not decided yet (the acknowledgements of
 * each version are in {@link AckVectorTest}).
 */
final class WireVectors {

    record Vector(String name, byte[] bytes, MqttPacket packet) {

        @Override
        public String toString() {
            return name;
        }
    }

    static final int MEDIUM_PAYLOAD = 200;
    static final int LARGE_PAYLOAD = 20_000;
    /** Makes the remaining length exactly 2^21, the smallest value that needs four length bytes. */
    static final int HUGE_PAYLOAD = 2_097_152 - 3;

    private WireVectors() {
    }

    static List<Vector> all() {
        return List.of(
                vector("CONNECT 3.1.1 clean session, keep alive 60, client id 'abc'",
                        "10 0f"                          // CONNECT, remaining length 15
                                + " 00 04 4d 51 54 54"   // "MQTT"
                                + " 04"                  // level 4
                                + " 02"                  // flags: clean session
                                + " 00 3c"               // keep alive 60
                                + " 00 03 61 62 63",     // client id "abc"
                        new Connect(ProtocolVersion.MQTT_3_1_1, "abc", true, 60, null, null, null)),
                vector("CONNECT 3.1 'MQIsdp' level 3",
                        "10 15"
                                + " 00 06 4d 51 49 73 64 70" // "MQIsdp"
                                + " 03 02 00 0a"             // level 3, clean session, keep alive 10
                                + " 00 07 63 6c 69 65 6e 74 31", // "client1"
                        new Connect(ProtocolVersion.MQTT_3_1, "client1", true, 10, null, null, null)),
                vector("CONNECT with will (QoS 1, retained), user name and binary password",
                        "10 20"
                                + " 00 04 4d 51 54 54 04"
                                + " ec"                  // user, password, will retain, will QoS 1, will; no clean
                                + " 01 2c"               // keep alive 300
                                + " 00 02 63 31"         // client id "c1"
                                + " 00 03 77 2f 74"      // will topic "w/t"
                                + " 00 03 62 79 65"      // will message "bye"
                                + " 00 01 75"            // user name "u"
                                + " 00 03 00 ff 01",     // password, binary
                        new Connect(ProtocolVersion.MQTT_3_1_1, "c1", false, 300,
                                new Will("w/t", "bye".getBytes(UTF_8), QoS.AT_LEAST_ONCE, true), "u",
                                new byte[] {0x00, (byte) 0xff, 0x01})),
                vector("CONNECT with empty client id and user name only",
                        "10 13 00 04 4d 51 54 54 04"
                                + " 82"                  // user name, clean session
                                + " 00 00"               // keep alive 0
                                + " 00 00"               // client id ""
                                + " 00 05 61 64 6d 69 6e", // "admin"
                        new Connect(ProtocolVersion.MQTT_3_1_1, "", true, 0, null, "admin", null)),
                vector("CONNECT with will QoS 2, not retained, empty will message",
                        "10 15 00 04 4d 51 54 54 04"
                                + " 16"                  // will QoS 2, will, clean session
                                + " 00 05 00 01 63"      // keep alive 5, client id "c"
                                + " 00 04 64 65 61 64"   // will topic "dead"
                                + " 00 00",              // empty will message
                        new Connect(ProtocolVersion.MQTT_3_1_1, "c", true, 5,
                                new Will("dead", new byte[0], QoS.EXACTLY_ONCE, false), null, null)),
                vector("CONNACK accepted, session present", "20 02 01 00",
                        new Connack(true, ReasonCode.SUCCESS)),
                vector("CONNACK unacceptable protocol version", "20 02 00 01",
                        new Connack(false, ReasonCode.UNSUPPORTED_PROTOCOL_VERSION)),
                vector("CONNACK not authorized", "20 02 00 05",
                        new Connack(false, ReasonCode.NOT_AUTHORIZED)),
                vector("PUBLISH QoS 0 'a/b' payload 'hi'", "30 07 00 03 61 2f 62 68 69",
                        new Publish("a/b", QoS.AT_MOST_ONCE, false, false, 0, "hi".getBytes(UTF_8))),
                vector("PUBLISH QoS 0 retained, empty payload", "31 03 00 01 74",
                        new Publish("t", QoS.AT_MOST_ONCE, true, false, 0, new byte[0])),
                vector("PUBLISH QoS 1 packet id 10", "32 07 00 01 74 00 0a 01 02",
                        new Publish("t", QoS.AT_LEAST_ONCE, false, false, 10, new byte[] {1, 2})),
                vector("PUBLISH QoS 1 dup, empty payload", "3a 05 00 01 74 00 01",
                        new Publish("t", QoS.AT_LEAST_ONCE, false, true, 1, new byte[0])),
                vector("PUBLISH QoS 2 dup retained packet id 65535",
                        "3d 08 00 03 78 2f 79 ff ff 7a", // flags 0b1101: dup, QoS 2, retain
                        new Publish("x/y", QoS.EXACTLY_ONCE, true, true, 0xFFFF, "z".getBytes(UTF_8))),
                vector("PUBLISH with 2, 3 and 4 byte UTF-8 in the topic",
                        "30 0d 00 0b c3 a4 2f e2 82 ac 2f f0 9d 84 9e",
                        new Publish("\u00e4/\u20ac/\ud834\udd1e", QoS.AT_MOST_ONCE, false, false, 0, new byte[0])),
                vectorWithPayload("PUBLISH 200-byte payload (2-byte remaining length)",
                        "30 cb 01 00 01 74", // 203 = 0x4b | 0x80, 0x01
                        new Publish("t", QoS.AT_MOST_ONCE, false, false, 0, Hex.counting(MEDIUM_PAYLOAD))),
                vectorWithPayload("PUBLISH 20000-byte payload (3-byte remaining length)",
                        "32 a5 9c 01 00 01 74 00 07", // 20005 = 0x25 | 0x80, 0x1c | 0x80, 0x01
                        new Publish("t", QoS.AT_LEAST_ONCE, false, false, 7, Hex.counting(LARGE_PAYLOAD))),
                vector("PUBACK", "40 02 00 01", new Puback(1)),
                vector("PUBREC", "50 02 12 34", new Pubrec(0x1234)),
                vector("PUBREL", "62 02 ab cd", new Pubrel(0xabcd)),
                vector("PUBCOMP", "70 02 ff ff", new Pubcomp(0xFFFF)),
                vector("SUBSCRIBE with three filters",
                        "82 12 00 02"
                                + " 00 03 61 2f 2b 00"   // "a/+" QoS 0
                                + " 00 03 62 2f 23 01"   // "b/#" QoS 1
                                + " 00 01 23 02",        // "#" QoS 2
                        new Subscribe(2, List.of(new TopicSubscription("a/+", QoS.AT_MOST_ONCE),
                                new TopicSubscription("b/#", QoS.AT_LEAST_ONCE),
                                new TopicSubscription("#", QoS.EXACTLY_ONCE)))),
                vector("SUBSCRIBE with one filter", "82 06 00 01 00 01 61 01",
                        new Subscribe(1, List.of(new TopicSubscription("a", QoS.AT_LEAST_ONCE)))),
                vector("SUBACK with 0x80 failure", "90 05 00 02 00 01 80",
                        new Suback(2, List.of(ReasonCode.GRANTED_QOS_0, ReasonCode.GRANTED_QOS_1,
                                ReasonCode.UNSPECIFIED_ERROR))),
                vector("SUBACK granting QoS 2", "90 03 00 03 02", new Suback(3, List.of(ReasonCode.GRANTED_QOS_2))),
                vector("UNSUBSCRIBE with two filters",
                        "a2 0e 00 03 00 03 61 2f 2b 00 05 2b 2f 2b 2f 23",
                        new Unsubscribe(3, List.of("a/+", "+/+/#"))),
                vector("UNSUBACK", "b0 02 00 03", new Unsuback(3)),
                vector("PINGREQ", "c0 00", Pingreq.INSTANCE),
                vector("PINGRESP", "d0 00", Pingresp.INSTANCE),
                vector("DISCONNECT", "e0 00", Disconnect.INSTANCE));
    }

    /** 2 MB: a four-byte remaining length. Too big to split at every offset, so kept out of {@link #all()}. */
    static Vector fourByteRemainingLength() {
        return vectorWithPayload("PUBLISH 2 MB payload (4-byte remaining length)",
                "30 80 80 80 01 00 01 74", // 2^21
                new Publish("t", QoS.AT_MOST_ONCE, false, false, 0, Hex.counting(HUGE_PAYLOAD)));
    }

    private static Vector vector(String name, String hex, MqttPacket packet) {
        return new Vector(name, Hex.bytes(hex), packet);
    }

    private static Vector vectorWithPayload(String name, String headerHex, Publish packet) {
        return new Vector(name, Hex.concat(Hex.bytes(headerHex), packet.payload()), packet);
    }
}
