package org.medsafety.config;

import io.quarkus.runtime.configuration.MemorySize;
import org.medsafety.audit.AuditSigningKey;
import org.medsafety.audit.RetentionPurge;
import org.medsafety.fhir.AllowedFhirBases;
import org.medsafety.security.CdsClientTrust;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Every check of the settings that can be made before the service does any work, collected rather than thrown one
 * at a time: an operator reads the whole list once, fixes it, and restarts once. Each problem names the environment
 * variable to change and says what to set. The formats a feature parses itself (client registry, keys, FHIR bases,
 * public URL, algorithms) are checked by calling that feature's own parser, so the rule lives in one place.
 */
public final class SettingsCheck {

    /** One setting that stops the start. */
    public record Problem(String variable, String message) {
        @Override
        public String toString() {
            return variable + ": " + message;
        }
    }

    private final MedsafetyConfig config;
    private final PlatformSettings platform;
    private final List<Problem> problems = new ArrayList<>();

    private SettingsCheck(MedsafetyConfig config, PlatformSettings platform) {
        this.config = config;
        this.platform = platform;
    }

    /** Every problem with these settings, in the order of docs/configuration.md; empty when the service may start. */
    public static List<Problem> problems(MedsafetyConfig config, PlatformSettings platform) {
        SettingsCheck check = new SettingsCheck(config, platform);
        check.http();
        check.cdsClients();
        check.staff();
        check.rulesAndKnowledge();
        check.audit();
        check.fhir();
        check.limits();
        check.clinical();
        return List.copyOf(check.problems);
    }

    /** The environment variable of a property, as SmallRye Config maps it: upper case, other characters as _. */
    public static String variable(String property) {
        return property.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    private void http() {
        int port = platform.http().port();
        if (port < 0 || port > 65535) {
            add("quarkus.http.port", "is " + port + "; give a port from 1 to 65535 (0 picks any free port)");
        }
        MemorySize body = platform.http().limits().maxBodySize();
        if (body.asLongValue() < 1024 * 1024) {
            add("quarkus.http.limits.max-body-size", "is " + body.asLongValue() + " bytes; set at least 1M (a call "
                    + "with its prefetched records easily takes hundreds of kilobytes; the default is 10M)");
        }
    }

    private void rulesAndKnowledge() {
        readableDirectory("medsafety.rules.dir", config.rules().dir(), "the folder of DRL rule packages");
        readableDirectory("medsafety.knowledge.dir", config.knowledge().dir(), "the folder of knowledge tables");
        positive("medsafety.ruleset.poll-interval", config.ruleset().pollInterval(), "1s");
    }

    private void cdsClients() {
        var clients = config.cdsClients();
        Optional<Path> file = clients.file();
        if (file.isEmpty() && !platform.loopbackOnly()) {
            add("medsafety.cds-clients.file", "not set, and the service listens on " + platform.http().host()
                    + ": anyone who can reach the port could ask for patients' alerts. Set it to the registry of "
                    + "trusted EHRs and set MEDSAFETY_PUBLIC_BASE_URL (see docs/security.md), or listen on 127.0.0.1 "
                    + "(QUARKUS_HTTP_HOST)");
        }
        file.ifPresent(f -> {
            if (readableFile("medsafety.cds-clients.file", f, "the registry of trusted EHRs (docs/security.md)")) {
                parsed("medsafety.cds-clients.file", () -> CdsClientTrust.checkClientsFile(f));
            }
        });
        Optional<String> base = config.publicBaseUrl();
        if (file.isPresent() || base.isPresent()) {
            parsed("medsafety.public-base-url", () -> CdsClientTrust.publicBase(base.orElse(null)));
        }
        parsed("medsafety.cds-clients.algorithms", () -> CdsClientTrust.algorithms(clients.algorithms()));
        notNegative("medsafety.cds-clients.clock-skew", clients.clockSkew(), "30s");
        positive("medsafety.cds-clients.jwks-cache-time", clients.jwksCacheTime(), "1h");
        positive("medsafety.cds-clients.jwks-refetch-interval", clients.jwksRefetchInterval(), "30s");
        positive("medsafety.cds-clients.jwks-timeout", clients.jwksTimeout(), "3s");
        positiveSize("medsafety.cds-clients.jwks-max-size", clients.jwksMaxSize(), "256K");
        for (String origin : config.cors().origins().orElse(List.of())) {
            corsOrigin(origin.strip());
        }
    }

    private void staff() {
        platform.oidc().authServerUrl().filter(url -> !url.isBlank()).ifPresent(url -> {
            if (httpUrl(url).isEmpty()) {
                add("quarkus.oidc.auth-server-url", "'" + url + "' is not an absolute http(s) URL; give the identity "
                        + "provider's issuer, e.g. https://sso.hospital.example/realms/hospital");
            }
        });
        if (config.staff().rolesClaim().isBlank()) {
            add("medsafety.staff.roles-claim", "is blank, so no staff token could carry a role; name the claim, e.g. "
                    + "roles or realm_access.roles");
        }
    }

    private void audit() {
        var audit = config.audit();
        if (audit.retention().compareTo(RetentionPurge.MINIMUM_RETENTION) < 0) {
            add("medsafety.audit.retention", "is " + readable(audit.retention()) + ", below the "
                    + RetentionPurge.FLOOR_YEARS + " years audit records must be kept; set "
                    + readable(RetentionPurge.MINIMUM_RETENTION) + " or more (the default is P3650D)");
        }
        positiveSize("medsafety.audit.journal-max-bytes", audit.journalMaxBytes(), "1G");
        positive("medsafety.audit.write-deadline", audit.writeDeadline(), "2s");
        if (audit.journalReadyPercent() < 1 || audit.journalReadyPercent() > 100) {
            add("medsafety.audit.journal-ready-percent", "is " + audit.journalReadyPercent()
                    + "; set a share of the journal's maximum size between 1 and 100 (the default is 90)");
        }
        if (audit.signingKey().isPresent()) {
            Path key = audit.signingKey().get();
            if (readableFile("medsafety.audit.signing-key", key, "the Ed25519 key that signs audit checkpoints")) {
                parsed("medsafety.audit.signing-key", () -> AuditSigningKey.read(key));
            }
        } else if (!platform.loopbackOnly()) {
            add("medsafety.audit.signing-key", "not set, and the service listens on " + platform.http().host()
                    + ": the audit trail's checkpoints could not be signed, so whoever can write the database could "
                    + "rewrite the trail unnoticed. Make a key with 'openssl genpkey -algorithm ed25519 -out "
                    + "audit-signing-key.pem', keep it outside the database, and set MEDSAFETY_AUDIT_SIGNING_KEY to "
                    + "its path (docs/auditor-guide.md), or listen on 127.0.0.1 (QUARKUS_HTTP_HOST)");
        }
        var checkpoints = audit.checkpoints();
        positive("medsafety.audit.checkpoints.interval", checkpoints.interval(), "10m");
        atLeast("medsafety.audit.checkpoints.records", checkpoints.records(), 1, "10000");
        for (Path key : checkpoints.trustedKeys().orElse(List.of())) {
            if (readableFile("medsafety.audit.checkpoints.trusted-keys", key, "a public key whose checkpoints are "
                    + "trusted")) {
                parsed("medsafety.audit.checkpoints.trusted-keys", () -> AuditSigningKey.readPublic(key));
            }
        }
    }

    private void fhir() {
        var fhir = config.fhir();
        positive("medsafety.fhir.timeout", fhir.timeout(), "3s");
        positiveSize("medsafety.fhir.max-response-size", fhir.maxResponseSize(), "2M");
        atLeast("medsafety.fhir.max-pages", fhir.maxPages(), 1, "5");
        atLeast("medsafety.fhir.max-requests", fhir.maxRequests(), 1, "16");
        // One entry at a time, so that every bad entry is named, not only the first.
        for (String base : fhir.allowedBases().orElse(List.of())) {
            parsed("medsafety.fhir.allowed-bases", () -> AllowedFhirBases.of(List.of(base)));
        }
    }

    private void limits() {
        var limits = config.limits();
        atLeast("medsafety.limits.json-depth", limits.jsonDepth(), 1, "64");
        atLeast("medsafety.limits.string-length", limits.stringLength(), 1, "100000");
        atLeast("medsafety.limits.draft-orders", limits.draftOrders(), 1, "200");
        atLeast("medsafety.limits.prefetch-resources", limits.prefetchResources(), 1, "5000");
        atLeast("medsafety.limits.id-length", limits.idLength(), 1, "64");
        atLeast("medsafety.limits.reference-length", limits.referenceLength(), 1, "200");
        atLeast("medsafety.limits.unit-length", limits.unitLength(), 1, "40");
        atLeast("medsafety.limits.unit-depth", limits.unitDepth(), 0, "2");
        atLeast("medsafety.limits.feedback-entries", limits.feedbackEntries(), 1, "100");
        atLeast("medsafety.limits.cards", limits.cards(), 1, "50");
    }

    private void clinical() {
        positive("medsafety.clinical.lab-max-age", config.clinical().labMaxAge(), "P90D");
    }

    private void corsOrigin(String origin) {
        if (origin.isEmpty() || origin.equals("*")) {
            return;
        }
        if (origin.length() > 1 && origin.startsWith("/") && origin.endsWith("/")) {
            try {
                Pattern.compile(origin.substring(1, origin.length() - 1));
            } catch (PatternSyntaxException e) {
                add("medsafety.cors.origins", "'" + origin + "' is not a valid regular expression ("
                        + e.getDescription() + ")");
            }
            return;
        }
        boolean schemeHostPort = httpUrl(origin).filter(uri -> (uri.getRawPath() == null || uri.getRawPath().isEmpty())
                && uri.getRawQuery() == null && uri.getRawFragment() == null).isPresent();
        if (!schemeHostPort) {
            add("medsafety.cors.origins", "'" + origin + "' is not an origin; give scheme, host and port only, e.g. "
                    + "https://ehr.hospital.example, or a /regular expression/");
        }
    }

    /** An absolute http(s) URL with a host and no user info. */
    private static Optional<URI> httpUrl(String text) {
        try {
            URI uri = new URI(text.strip());
            if (("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null && uri.getUserInfo() == null) {
                return Optional.of(uri);
            }
        } catch (URISyntaxException e) {
            // not a URL at all: reported by the caller
        }
        return Optional.empty();
    }

    private void readableDirectory(String property, Path dir, String what) {
        if (!Files.isDirectory(dir)) {
            add(property, dir.toAbsolutePath() + " is not a directory; set it to " + what);
        } else if (!Files.isReadable(dir)) {
            add(property, dir.toAbsolutePath() + " cannot be read by the service's user; allow it to read " + what);
        }
    }

    private boolean readableFile(String property, Path file, String what) {
        if (!Files.isRegularFile(file)) {
            add(property, file.toAbsolutePath() + " is not a file; set it to " + what);
            return false;
        }
        if (!Files.isReadable(file)) {
            add(property, file.toAbsolutePath() + " cannot be read by the service's user; allow it to read " + what);
            return false;
        }
        return true;
    }

    /** Runs a feature's own parser; its message (which names the setting) becomes the problem. */
    private void parsed(String property, Runnable parser) {
        try {
            parser.run();
        } catch (IllegalStateException | IllegalArgumentException e) {
            add(property, withoutVariable(property, e.getMessage()));
        }
    }

    /** Parsers often start their messages with the setting's name; it is said once, in front. */
    private static String withoutVariable(String property, String message) {
        if (message == null) {
            return "is not accepted";
        }
        for (String name : List.of(variable(property) + ": ", property + ": ", variable(property) + " ")) {
            if (message.startsWith(name)) {
                return message.substring(name.length());
            }
        }
        return message;
    }

    /** Whole days as an operator writes them (P30D, not PT720H); anything else in ISO-8601. */
    static String readable(Duration value) {
        return !value.isZero() && value.toSeconds() % 86_400 == 0 && value.getNano() == 0
                ? "P" + value.toDays() + "D" : value.toString();
    }

    private void positive(String property, Duration value, String example) {
        if (value.isNegative() || value.isZero()) {
            add(property, "is " + readable(value) + "; set a positive duration, e.g. " + example);
        }
    }

    private void notNegative(String property, Duration value, String example) {
        if (value.isNegative()) {
            add(property, "is " + readable(value) + "; set zero or a positive duration, e.g. " + example);
        }
    }

    private void positiveSize(String property, MemorySize value, String example) {
        if (value.asLongValue() < 1) {
            add(property, "is " + value.asLongValue() + " bytes; set a positive size, e.g. " + example);
        }
    }

    private void atLeast(String property, long value, long least, String example) {
        if (value < least) {
            add(property, "is " + value + "; set at least " + least + " (the default is " + example + ")");
        }
    }

    private void add(String property, String message) {
        problems.add(new Problem(variable(property), message));
    }
}
