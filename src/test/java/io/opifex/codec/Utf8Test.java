package io.opifex.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class Utf8Test {

    private static final String ALL_WIDTHS = "a\u00e4\u20ac\ud834\udd1e\u07ff\u0800\uffff\udbff\udfff";

    @Test
    @DisplayName("encodes 1, 2, 3 and 4 byte characters exactly like the JDK, and decodes them back")
    void matchesJdkForWellFormedStrings() {
        byte[] expected = ALL_WIDTHS.getBytes(StandardCharsets.UTF_8);
        Buffer out = Buffer.buffer();

        Utf8.append(ALL_WIDTHS, out);

        assertThat(out.getBytes()).isEqualTo(expected);
        assertThat(Utf8.encodedLength(ALL_WIDTHS)).isEqualTo(expected.length);
        assertThat(Utf8.decode(out, 0, out.length())).isEqualTo(ALL_WIDTHS);
    }

    @Test
    @DisplayName("decodes a string in the middle of a buffer")
    void decodesAtOffset() {
        Buffer buffer = Hex.buffer("ff ff 61 c3 a4 ff");

        assertThat(Utf8.decode(buffer, 2, 3)).isEqualTo("aä");
    }

    @Test
    @DisplayName("U+FEFF (byte order mark) is kept, not skipped [MQTT-1.5.3-3]")
    void keepsByteOrderMark_MQTT_1_5_3_3() {
        assertThat(Utf8.decode(Hex.buffer("ef bb bf 61"), 0, 4)).isEqualTo("\ufeffa");
    }

    @Test
    @DisplayName("[MQTT-1.5.3-1] an unpaired surrogate cannot be encoded")
    void refusesUnpairedSurrogate_MQTT_1_5_3_1() {
        assertThatThrownBy(() -> Utf8.encodedLength("a\udc00")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("MQTT-1.5.3-1");
        assertThatThrownBy(() -> Utf8.encodedLength("\ud800")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("[MQTT-1.5.3-2] U+0000 cannot be encoded")
    void refusesNullCharacter_MQTT_1_5_3_2() {
        assertThatThrownBy(() -> Utf8.encodedLength("a\u0000")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("MQTT-1.5.3-2");
    }

    @Test
    @DisplayName("U+0000 and unpaired surrogates are refused after an ASCII prefix too, with the right index")
    void refusesAfterAsciiPrefix() {
        assertThatThrownBy(() -> Utf8.encodedLength("site/7\u0000")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("MQTT-1.5.3-2");
        assertThatThrownBy(() -> Utf8.encodedLength("\u0000site")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("MQTT-1.5.3-2");
        assertThatThrownBy(() -> Utf8.encodedLength("site/\u00e4\ud800")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("MQTT-1.5.3-1").hasMessageEndingWith(" at 6");
        assertThatThrownBy(() -> Utf8.encodedLength("site/\udfff/x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("MQTT-1.5.3-1").hasMessageEndingWith(" at 5");
    }

    @Test
    @DisplayName("the length equals the char count exactly for ASCII, and the bulk append matches the JDK")
    void asciiAndMixedStringsMatchJdk() {
        for (String s : new String[] {"", "a", "\u007f", "site/42/device/4242/telemetry", "a/\u0080", "\u00ff",
                "x" + ALL_WIDTHS, ALL_WIDTHS + "tail"}) {
            byte[] expected = s.getBytes(StandardCharsets.UTF_8);
            int length = Utf8.encodedLength(s);
            Buffer out = Buffer.buffer();

            Utf8.append(s, length, out);

            assertThat(length).as(s).isEqualTo(expected.length);
            assertThat(out.getBytes()).as(s).isEqualTo(expected);
        }
    }

    @Test
    @DisplayName("the decoder reports the spec id of the broken rule")
    void reportsSpecId() {
        assertThatThrownBy(() -> Utf8.decode(Hex.buffer("ed a0 80"), 0, 3))
                .isInstanceOfSatisfying(Utf8.InvalidUtf8Exception.class,
                        e -> assertThat(e.specId()).isEqualTo(Utf8.SPEC_WELL_FORMED));
        assertThatThrownBy(() -> Utf8.decode(Hex.buffer("00"), 0, 1))
                .isInstanceOfSatisfying(Utf8.InvalidUtf8Exception.class,
                        e -> assertThat(e.specId()).isEqualTo(Utf8.SPEC_NO_NULL));
    }
}
