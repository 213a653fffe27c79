package org.medsafety.testing;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.medsafety.config.MedsafetyConfig;

import java.util.Map;

/** The service's settings with their shipped defaults (and any overrides), for plain unit tests without Quarkus. */
public final class TestConfig {

    private TestConfig() {
    }

    public static MedsafetyConfig defaults() {
        return with(Map.of());
    }

    public static MedsafetyConfig with(Map<String, String> overrides) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(MedsafetyConfig.class)
                .withSources(new PropertiesConfigSource(overrides, "test overrides", 500))
                .withConverter(io.quarkus.runtime.configuration.MemorySize.class, 100,
                        new io.quarkus.runtime.configuration.MemorySizeConverter())
                .withConverter(java.time.Duration.class, 100, new io.quarkus.runtime.configuration.DurationConverter())
                .build();
        return config.getConfigMapping(MedsafetyConfig.class);
    }
}
