package org.medsafety.testing;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.medsafety.config.MedsafetyConfig;
import org.medsafety.config.PlatformSettings;

import java.util.HashMap;
import java.util.Map;

/** The service's settings with their shipped defaults (and any overrides), for plain unit tests without Quarkus. */
public final class TestConfig {

    /** The Quarkus settings {@link PlatformSettings} reads, as application.properties ships them. */
    public static final Map<String, String> PLATFORM_DEFAULTS = Map.of("quarkus.http.host", "127.0.0.1",
            "quarkus.http.port", "8080", "quarkus.http.limits.max-body-size", "10M",
            "quarkus.datasource.db-kind", "h2");

    private TestConfig() {
    }

    public static MedsafetyConfig defaults() {
        return with(Map.of());
    }

    public static MedsafetyConfig with(Map<String, String> overrides) {
        return build(overrides).getConfigMapping(MedsafetyConfig.class);
    }

    /** The Quarkus settings as shipped, with these overrides (e.g. quarkus.http.host=0.0.0.0). */
    public static PlatformSettings platform(Map<String, String> overrides) {
        return build(overrides).getConfigMapping(PlatformSettings.class);
    }

    private static SmallRyeConfig build(Map<String, String> overrides) {
        Map<String, String> settings = new HashMap<>(PLATFORM_DEFAULTS);
        settings.putAll(overrides);
        return new SmallRyeConfigBuilder()
                .withMapping(MedsafetyConfig.class)
                .withMapping(PlatformSettings.class)
                .withValidateUnknown(false)
                .withSources(new PropertiesConfigSource(settings, "test overrides", 500))
                .withConverter(io.quarkus.runtime.configuration.MemorySize.class, 100,
                        new io.quarkus.runtime.configuration.MemorySizeConverter())
                .withConverter(java.time.Duration.class, 100, new io.quarkus.runtime.configuration.DurationConverter())
                .build();
    }
}
