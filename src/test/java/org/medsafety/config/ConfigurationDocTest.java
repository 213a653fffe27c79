package org.medsafety.config;

import io.smallrye.config.ConfigMappings;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/configuration.md is the operator's reference: it must list every setting the code reads under
 * {@code medsafety.*} and every Quarkus setting the code reads itself ({@link PlatformSettings}), with the environment
 * variable SmallRye Config reads and the default the service actually has, and nothing the code does not read.
 */
class ConfigurationDocTest {

    static final Path DOC = Path.of("docs/configuration.md");
    static final Path SHIPPED = Path.of("src/main/resources/application.properties");

    /** One row of a settings table: | `key` | `VARIABLE` | default | meaning |. */
    record Row(String key, String variable, String defaultCell, String meaning) {
        /** The first `value` of the default cell, if it starts with one. */
        Optional<String> defaultValue() {
            Matcher m = Pattern.compile("^`([^`]*)`").matcher(defaultCell);
            return m.find() ? Optional.of(m.group(1)) : Optional.empty();
        }
    }

    static Map<String, Row> documented() throws IOException {
        Map<String, Row> rows = new LinkedHashMap<>();
        for (String line : Files.readAllLines(DOC, StandardCharsets.UTF_8)) {
            if (!line.startsWith("| `")) {
                continue;
            }
            List<String> cells = cells(line);
            assertThat(cells).as("a settings row has four cells: %s", line).hasSize(4);
            Row row = new Row(unquote(cells.get(0)), unquote(cells.get(1)), cells.get(2), cells.get(3));
            assertThat(rows.put(row.key(), row)).as("%s is documented once", row.key()).isNull();
        }
        return rows;
    }

    /** Splits a table row on the | outside `code`. */
    static List<String> cells(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean code = false;
        for (char c : line.substring(1, line.lastIndexOf('|')).toCharArray()) {
            if (c == '`') {
                code = !code;
            }
            if (c == '|' && !code) {
                cells.add(cell.toString().strip());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString().strip());
        return cells;
    }

    static String unquote(String cell) {
        assertThat(cell).as("a key or variable in backquotes").matches("`[^`]+`");
        return cell.substring(1, cell.length() - 1);
    }

    /** The values application.properties ships outside any profile. */
    static Properties shipped() throws IOException {
        Properties all = new Properties();
        try (Reader in = Files.newBufferedReader(SHIPPED, StandardCharsets.UTF_8)) {
            all.load(in);
        }
        Properties plain = new Properties();
        all.stringPropertyNames().stream().filter(k -> !k.startsWith("%"))
                .forEach(k -> plain.setProperty(k, all.getProperty(k)));
        return plain;
    }

    @Test
    void everyServiceSettingIsDocumentedWithItsVariableAndDefault() throws IOException {
        Map<String, Row> doc = documented();
        // Soft: one run names every disagreement, not only the first.
        SoftAssertions.assertSoftly(softly -> {
            for (MappingKeys.Key key : MappingKeys.of(MedsafetyConfig.class)) {
                Row row = doc.get(key.name());
                softly.assertThat(row).as("docs/configuration.md has a row for %s", key.name()).isNotNull();
                if (row == null) {
                    continue;
                }
                softly.assertThat(row.variable()).as("environment variable of %s", key.name())
                        .isEqualTo(SettingsCheck.variable(key.name()));
                if (key.defaultValue().isPresent()) {
                    softly.assertThat(row.defaultValue()).as("documented default of %s", key.name())
                            .contains(key.defaultValue().get());
                } else {
                    softly.assertThat(key.optional()).as("%s has a default or may be unset", key.name()).isTrue();
                    softly.assertThat(row.defaultCell()).as("%s has no default", key.name()).startsWith("unset");
                }
            }
        });
    }

    @Test
    void everyDocumentedServiceSettingIsReadByTheCode() throws IOException {
        List<String> inCode = MappingKeys.of(MedsafetyConfig.class).stream().map(MappingKeys.Key::name).toList();
        assertThat(documented().keySet().stream().filter(k -> k.startsWith("medsafety.")).toList())
                .as("medsafety.* settings in docs/configuration.md that MedsafetyConfig does not read")
                .isSubsetOf(inCode);
    }

    @Test
    void everyQuarkusSettingTheCodeReadsIsDocumented() throws IOException {
        assertThat(documented().keySet()).as("the Quarkus settings PlatformSettings reads are documented")
                .containsAll(MappingKeys.of(PlatformSettings.class).stream().map(MappingKeys.Key::name).toList());
    }

    @Test
    void everyDocumentedVariableIsTheOneSmallRyeReads() throws IOException {
        documented().values().forEach(row -> assertThat(row.variable()).as("variable of %s", row.key())
                .isEqualTo(SettingsCheck.variable(row.key())));
    }

    @Test
    void whatApplicationPropertiesShipsIsTheDocumentedDefault() throws IOException {
        Map<String, Row> doc = documented();
        Properties shipped = shipped();
        for (String key : shipped.stringPropertyNames()) {
            String value = shipped.getProperty(key);
            if (key.startsWith("medsafety.")) {
                assertThat(doc).as("shipped setting %s is documented", key).containsKey(key);
            }
            Row row = doc.get(key);
            if (row != null && !value.isEmpty()) {
                assertThat(row.defaultValue()).as("documented default of %s against application.properties", key)
                        .contains(value);
            }
        }
    }

    @Test
    void theWalkerFindsTheNamesAndDefaultsSmallRyeItselfMaps() {
        for (Class<?> mapping : List.of(MedsafetyConfig.class, PlatformSettings.class)) {
            Map<String, String> smallRye = new TreeMap<>(ConfigMappings.ConfigClass.configClass(mapping).getProperties());
            // A list of values is also accepted indexed (medsafety.fhir.allowed-bases[0]=...): one setting, not two.
            smallRye.keySet().removeIf(name -> name.endsWith("[*]")
                    && smallRye.containsKey(name.substring(0, name.length() - 3)));
            Map<String, String> walked = new TreeMap<>();
            MappingKeys.of(mapping).forEach(k -> walked.put(k.name(), k.defaultValue().orElse(null)));
            assertThat(smallRye).as("%s", mapping.getSimpleName()).isEqualTo(walked);
        }
    }

    @Test
    void theWalkerDerivesNamesAsSmallRyeDoes() {
        assertThat(MappingKeys.kebab("jwksMaxSize")).isEqualTo("jwks-max-size");
        assertThat(MappingKeys.kebab("publicBaseURL")).isEqualTo("public-base-url");
        assertThat(MappingKeys.kebab("dir")).isEqualTo("dir");
        assertThat(MappingKeys.of(MedsafetyConfig.class)).extracting(MappingKeys.Key::name)
                .contains("medsafety.cds-clients.jwks-refetch-interval", "medsafety.audit.checkpoints.trusted-keys",
                        "medsafety.public-base-url", "medsafety.limits.feedback-entries");
        assertThat(MappingKeys.of(PlatformSettings.class)).extracting(MappingKeys.Key::name)
                .containsExactly("quarkus.datasource.db-kind", "quarkus.datasource.jdbc.url", "quarkus.http.host",
                        "quarkus.http.limits.max-body-size", "quarkus.http.port", "quarkus.oidc.auth-server-url",
                        "quarkus.oidc.console.auth-server-url", "quarkus.oidc.token.audience");
    }
}
