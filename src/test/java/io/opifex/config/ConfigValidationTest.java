package io.opifex.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.common.MapBackedConfigSource;
import io.quarkus.runtime.configuration.DurationConverter;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ConfigValidationTest {

    private static final int QUARKUS_PRIORITY = 200;

    private static OpifexConfig config(Map<String, String> values) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(OpifexConfig.class)
                .withConverter(Duration.class, QUARKUS_PRIORITY, new DurationConverter()) // "10s" as in Quarkus
                .withSources(new MapBackedConfigSource("test", values) {
                })
                .build();
        return config.getConfigMapping(OpifexConfig.class);
    }

    @Test
    @DisplayName("the defaults are valid")
    void acceptsDefaults() {
        assertThatCode(() -> ConfigValidation.check(config(Map.of()))).doesNotThrowAnyException();
    }

    @Test
    @DisplayName("every out-of-range value is named with its key and allowed values, all at once")
    void namesEveryInvalidKey() {
        assertThatThrownBy(() -> ConfigValidation.check(config(Map.of(
                "opifex.limits.max-inflight", "0",
                "opifex.tcp.port", "70000",
                "opifex.limits.max-packet-size", "300000000",
                "opifex.authorization[0].permission", "deny",
                "opifex.authorization[0].topic", "a/#/b"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("opifex.limits.max-inflight must be between 1 and 65535, was 0")
                .hasMessageContaining("opifex.tcp.port must be between 0 and 65535, was 70000")
                .hasMessageContaining("opifex.limits.max-packet-size must be between 2 and 268435455")
                .hasMessageContaining("opifex.authorization[0].topic must be a valid topic filter");
    }

    @Test
    @DisplayName("the storage backend is chosen by opifex.store.type: memory by default, anything else names the key")
    void storeType() {
        assertThat(config(Map.of()).store().type())
                .isEqualTo(OpifexConfig.Store.Type.MEMORY);
        assertThat(config(Map.of("opifex.store.type", "memory")).store().type())
                .isEqualTo(OpifexConfig.Store.Type.MEMORY);
        assertThatThrownBy(() -> config(Map.of("opifex.store.type", "tape")))
                .hasMessageContaining("opifex.store.type");
    }

    @Test
    @DisplayName("a value of the wrong type names the key")
    void namesKeyOfUnconvertibleValue() {
        assertThatThrownBy(() -> config(Map.of("opifex.limits.max-inflight", "lots")))
                .hasMessageContaining("opifex.limits.max-inflight");
    }

    @Test
    @DisplayName("an authorization permission other than allow or deny names the allowed values")
    void namesAllowedPermissions() {
        assertThatThrownBy(() -> config(Map.of("opifex.authorization[0].permission", "maybe",
                "opifex.authorization[0].topic", "a")))
                .hasMessageContaining("opifex.authorization[0].permission");
    }
}
