package org.medsafety.config;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.medsafety.audit.AuditSigningKey;
import org.medsafety.testing.TestConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an operator reads when the service refuses its settings: each problem alone is named once, with its
 * environment variable and what to set; all of them together come in one message, none hidden behind another.
 */
class SettingsCheckTest {

    @TempDir
    static Path dir;

    static Path signingKey;
    static Path notAKey;
    static Path brokenClients;

    /** A production start: off loopback with a clients file, the public URL and a signing key. */
    static Map<String, String> production() {
        return Map.of("quarkus.http.host", "0.0.0.0",
                "medsafety.cds-clients.file", "src/test/resources/cds-clients/static-clients.json",
                "medsafety.public-base-url", "https://cds.hospital.example",
                "medsafety.audit.signing-key", signingKey.toString());
    }

    @BeforeAll
    static void files() throws IOException {
        signingKey = dir.resolve("audit-signing-key.pem");
        AuditSigningKey.createIfAbsent(signingKey);
        notAKey = Files.writeString(dir.resolve("not-a-key.pem"), "-----BEGIN PRIVATE KEY-----\nAAAA\n"
                + "-----END PRIVATE KEY-----\n");
        brokenClients = Files.writeString(dir.resolve("clients.json"), "{\"clients\": [");
    }

    /** One wrong setting: what is changed from {@link #production()}, and what the operator must be told. */
    record Case(String name, Map<String, String> set, Set<String> unset, String variable, String says) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Case set(String name, String key, String value, String variable, String says) {
        return new Case(name, Map.of(key, value), Set.of(), variable, says);
    }

    static Case unset(String name, String key, String variable, String says) {
        return new Case(name, Map.of(), Set.of(key), variable, says);
    }

    static List<Case> cases() {
        return List.of(
                unset("no clients file off loopback", "medsafety.cds-clients.file", "MEDSAFETY_CDS_CLIENTS_FILE",
                        "listens on 0.0.0.0: anyone who can reach the port could ask for patients' alerts"),
                unset("no signing key off loopback", "medsafety.audit.signing-key", "MEDSAFETY_AUDIT_SIGNING_KEY",
                        "openssl genpkey -algorithm ed25519"),
                unset("a clients file without the public URL", "medsafety.public-base-url",
                        "MEDSAFETY_PUBLIC_BASE_URL", "is required with a CDS clients file"),
                set("a public URL with a query", "medsafety.public-base-url", "https://cds.example/?x=1",
                        "MEDSAFETY_PUBLIC_BASE_URL", "absolute http(s) URL without query or fragment"),
                set("a clients file that is not there", "medsafety.cds-clients.file", "/nonexistent/clients.json",
                        "MEDSAFETY_CDS_CLIENTS_FILE", "/nonexistent/clients.json is not a file"),
                set("a clients file that is not JSON", "medsafety.cds-clients.file", "@broken-clients",
                        "MEDSAFETY_CDS_CLIENTS_FILE", "cannot be read as JSON"),
                set("a signing key that is not a key", "medsafety.audit.signing-key", "@not-a-key",
                        "MEDSAFETY_AUDIT_SIGNING_KEY", "is not an Ed25519 private key"),
                set("a trusted key that is not there", "medsafety.audit.checkpoints.trusted-keys", "/nonexistent.pem",
                        "MEDSAFETY_AUDIT_CHECKPOINTS_TRUSTED_KEYS", "/nonexistent.pem is not a file"),
                set("no rules folder", "medsafety.rules.dir", "/nonexistent/rules", "MEDSAFETY_RULES_DIR",
                        "is not a directory; set it to the folder of DRL rule packages"),
                set("no knowledge folder", "medsafety.knowledge.dir", "/nonexistent/kb", "MEDSAFETY_KNOWLEDGE_DIR",
                        "is not a directory"),
                set("a port out of range", "quarkus.http.port", "70000", "QUARKUS_HTTP_PORT", "from 1 to 65535"),
                set("a tiny body limit", "quarkus.http.limits.max-body-size", "100K",
                        "QUARKUS_HTTP_LIMITS_MAX_BODY_SIZE", "set at least 1M"),
                set("no poll interval", "medsafety.ruleset.poll-interval", "0s", "MEDSAFETY_RULESET_POLL_INTERVAL",
                        "set a positive duration"),
                set("an HMAC algorithm", "medsafety.cds-clients.algorithms", "ES384,HS256",
                        "MEDSAFETY_CDS_CLIENTS_ALGORITHMS", "'HS256' is not accepted"),
                set("a negative clock skew", "medsafety.cds-clients.clock-skew", "-5s",
                        "MEDSAFETY_CDS_CLIENTS_CLOCK_SKEW", "zero or a positive duration"),
                set("no JWKS timeout", "medsafety.cds-clients.jwks-timeout", "0s", "MEDSAFETY_CDS_CLIENTS_JWKS_TIMEOUT",
                        "positive duration"),
                set("an empty JWKS size", "medsafety.cds-clients.jwks-max-size", "0",
                        "MEDSAFETY_CDS_CLIENTS_JWKS_MAX_SIZE", "positive size"),
                set("a CORS origin with a path", "medsafety.cors.origins", "https://ehr.example/app",
                        "MEDSAFETY_CORS_ORIGINS", "is not an origin"),
                set("a CORS pattern that does not compile", "medsafety.cors.origins", "/https://[a-z/",
                        "MEDSAFETY_CORS_ORIGINS", "not a valid regular expression"),
                set("an identity provider that is not a URL", "quarkus.oidc.auth-server-url", "sso.hospital",
                        "QUARKUS_OIDC_AUTH_SERVER_URL", "is not an absolute http(s) URL"),
                set("a blank roles claim", "medsafety.staff.roles-claim", " ", "MEDSAFETY_STAFF_ROLES_CLAIM",
                        "no staff token could carry a role"),
                set("a retention under six years", "medsafety.audit.retention", "P30D", "MEDSAFETY_AUDIT_RETENTION",
                        "below the 6 years"),
                set("an empty journal", "medsafety.audit.journal-max-bytes", "0", "MEDSAFETY_AUDIT_JOURNAL_MAX_BYTES",
                        "positive size"),
                set("no write deadline", "medsafety.audit.write-deadline", "0ms", "MEDSAFETY_AUDIT_WRITE_DEADLINE",
                        "positive duration"),
                set("no checkpoint interval", "medsafety.audit.checkpoints.interval", "0s",
                        "MEDSAFETY_AUDIT_CHECKPOINTS_INTERVAL", "positive duration"),
                set("no checkpoint records", "medsafety.audit.checkpoints.records", "0",
                        "MEDSAFETY_AUDIT_CHECKPOINTS_RECORDS", "at least 1"),
                set("no FHIR time", "medsafety.fhir.timeout", "0s", "MEDSAFETY_FHIR_TIMEOUT", "positive duration"),
                set("no FHIR response", "medsafety.fhir.max-response-size", "0", "MEDSAFETY_FHIR_MAX_RESPONSE_SIZE",
                        "positive size"),
                set("no FHIR pages", "medsafety.fhir.max-pages", "0", "MEDSAFETY_FHIR_MAX_PAGES", "at least 1"),
                set("no FHIR requests", "medsafety.fhir.max-requests", "-1", "MEDSAFETY_FHIR_MAX_REQUESTS",
                        "at least 1"),
                set("a FHIR base that is not http", "medsafety.fhir.allowed-bases", "ftp://fhir.example/r4",
                        "MEDSAFETY_FHIR_ALLOWED_BASES", "'ftp://fhir.example/r4' is not an absolute http(s) URL"),
                set("no JSON depth", "medsafety.limits.json-depth", "0", "MEDSAFETY_LIMITS_JSON_DEPTH", "at least 1"),
                set("a negative unit depth", "medsafety.limits.unit-depth", "-1", "MEDSAFETY_LIMITS_UNIT_DEPTH",
                        "at least 0"),
                set("no cards", "medsafety.limits.cards", "0", "MEDSAFETY_LIMITS_CARDS", "at least 1"),
                set("no lab age", "medsafety.clinical.lab-max-age", "P0D", "MEDSAFETY_CLINICAL_LAB_MAX_AGE",
                        "positive duration"));
    }

    static Map<String, String> settings(List<Case> cases) {
        Map<String, String> settings = new HashMap<>(production());
        for (Case c : cases) {
            c.unset().forEach(settings::remove);
            c.set().forEach((key, value) -> settings.put(key, switch (value) {
                case "@broken-clients" -> brokenClients.toString();
                case "@not-a-key" -> notAKey.toString();
                default -> value;
            }));
        }
        return settings;
    }

    static List<SettingsCheck.Problem> check(Map<String, String> settings) {
        return SettingsCheck.problems(TestConfig.with(settings), TestConfig.platform(settings));
    }

    @Test
    void theQuickStartAndAProductionStartAreAccepted() {
        assertThat(check(Map.of())).isEmpty();
        assertThat(check(production())).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eachProblemAloneIsNamedOnceWithItsVariableAndWhatToDo(Case c) {
        assertThat(check(settings(List.of(c)))).singleElement().satisfies(p -> {
            assertThat(p.variable()).isEqualTo(c.variable());
            assertThat(p.message()).contains(c.says());
            assertThat(p.toString()).startsWith(c.variable() + ": ");
        });
    }

    @Test
    void everyProblemAtOnceIsListedInOneMessage() {
        // Every case but those that would replace another's value of the same setting.
        Set<String> sameSetting = Set.of("a clients file that is not there", "a clients file that is not JSON",
                "a clients file without the public URL", "a signing key that is not a key",
                "a CORS pattern that does not compile");
        List<Case> all = cases().stream().filter(c -> !sameSetting.contains(c.name())).toList();

        List<SettingsCheck.Problem> problems = check(settings(all));

        assertThat(problems).extracting(SettingsCheck.Problem::variable)
                .containsExactlyInAnyOrderElementsOf(all.stream().map(Case::variable).toList())
                .contains("MEDSAFETY_CDS_CLIENTS_FILE", "MEDSAFETY_AUDIT_SIGNING_KEY", "MEDSAFETY_PUBLIC_BASE_URL");
        String message = StartupSettingsCheck.refusal(problems);
        assertThat(message).startsWith("The service will not start: " + all.size() + " settings need attention "
                + "(docs/configuration.md):");
        for (int i = 0; i < problems.size(); i++) {
            assertThat(message).contains("\n  " + (i + 1) + ". " + problems.get(i).variable() + ": ");
        }
        all.forEach(c -> assertThat(message).contains(c.says()));
    }

    @Test
    void oneProblemIsSaidInTheSingular() {
        assertThat(StartupSettingsCheck.refusal(List.of(new SettingsCheck.Problem("MEDSAFETY_FHIR_TIMEOUT",
                "is PT0S; set a positive duration, e.g. 3s")))).isEqualTo("The service will not start: 1 setting "
                + "needs attention (docs/configuration.md):\n  1. MEDSAFETY_FHIR_TIMEOUT: is PT0S; set a positive "
                + "duration, e.g. 3s");
    }

    @Test
    void everyBadFhirBaseIsNamedNotOnlyTheFirst() {
        Map<String, String> settings = new HashMap<>(production());
        settings.put("medsafety.fhir.allowed-bases", "ftp://a.example,https://ok.example/fhir,https://u@b.example");
        assertThat(check(settings)).extracting(SettingsCheck.Problem::message)
                .satisfiesExactly(m -> assertThat(m).contains("ftp://a.example"),
                        m -> assertThat(m).contains("https://u@b.example"));
    }

    @Test
    void theVariableIsTheOneSmallRyeReads() {
        assertThat(SettingsCheck.variable("medsafety.cds-clients.jwks-max-size"))
                .isEqualTo("MEDSAFETY_CDS_CLIENTS_JWKS_MAX_SIZE");
        assertThat(SettingsCheck.variable("quarkus.http.limits.max-body-size"))
                .isEqualTo("QUARKUS_HTTP_LIMITS_MAX_BODY_SIZE");
    }
}
