package org.medsafety.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Every setting of the service, under {@code medsafety.*}; each can be set by environment variable (upper case,
 * dots and dashes as underscores: {@code medsafety.cds-clients.file} is {@code MEDSAFETY_CDS_CLIENTS_FILE}).
 * docs/configuration.md lists them with their meaning; ConfigurationDocTest fails when it and this interface disagree.
 * {@link StartupSettingsCheck} checks their values at start.
 */
@ConfigMapping(prefix = "medsafety")
public interface MedsafetyConfig {

    Rules rules();

    Knowledge knowledge();

    RulesetFollowing ruleset();

    Fhir fhir();

    Security security();

    Audit audit();

    CdsClients cdsClients();

    /**
     * The service's own external base URL as EHRs call it (scheme, host, optional port and path prefix, e.g.
     * {@code https://cds.hospital.org}); a client JWT's {@code aud} must be this plus the path called.
     */
    Optional<String> publicBaseUrl();

    Cors cors();

    Staff staff();

    Limits limits();

    Clinical clinical();

    /** The web console (docs/console.md). */
    Console console();

    interface Rules {
        /** Folder of DRL rule packages. */
        @WithDefault("rules")
        Path dir();
    }

    interface Knowledge {
        /** Folder of knowledge tables. */
        @WithDefault("knowledge-base")
        Path dir();
    }

    interface RulesetFollowing {
        /** How often each instance checks the database for a version activated elsewhere. */
        @WithDefault("1s")
        Duration pollInterval();
    }

    interface Fhir {
        /** Time allowed for all FHIR reads of one call together (prefetch fallback). */
        @WithDefault("3s")
        Duration timeout();

        /** FHIR base URLs the service may read from; a fhirServer not equal to or under one is never contacted. */
        Optional<List<String>> allowedBases();

        /** Largest FHIR response read; a bigger one counts as a failed read. */
        @WithDefault("2M")
        MemorySize maxResponseSize();

        /** Pages read per search (the first included) before the data is treated as incomplete. */
        @WithDefault("5")
        int maxPages();

        /** FHIR requests per call, all searches and pages together. */
        @WithDefault("16")
        int maxRequests();
    }

    interface Security {
        /** The documented quick-start users (loopback only). */
        @WithDefault("true")
        boolean localUsers();
    }

    interface Audit {
        /** How long audit records are kept before an explicit purge may export and remove them. */
        @WithDefault("P3650D")
        Duration retention();

        /** Where the retention purge writes its export. */
        @WithDefault("data/audit-archive")
        Path archiveDir();

        /**
         * The local journal: where audit records go, fsynced, while the database cannot take them, until they are
         * replayed into it. One directory per instance, on a local disk.
         */
        @WithDefault("data/audit-journal")
        Path journalDir();

        /** The most the journal may hold; when full, calls that cannot be recorded get 503 instead of cards. */
        @WithDefault("1G")
        MemorySize journalMaxBytes();

        /**
         * The readiness check {@code audit-backlog} is down while the journal holds at least this percentage of
         * {@link #journalMaxBytes()}: the instance leaves the load balancer's pool before its calls would get 503.
         */
        @WithDefault("90")
        int journalReadyPercent();

        /** A record not committed to the database within this time goes to the journal instead. */
        @WithDefault("2s")
        Duration writeDeadline();

        /**
         * The Ed25519 private key (PKCS#8 PEM) that signs audit checkpoints, kept outside the database. Required off
         * loopback; unset in the loopback quick start, a key is generated at {@link #generatedSigningKey()}.
         */
        Optional<Path> signingKey();

        /** Where the loopback quick start keeps the signing key it generates when none is configured. */
        @WithDefault("data/audit-signing-key.pem")
        Path generatedSigningKey();

        Checkpoints checkpoints();
    }

    /** Signed checkpoints of the audit chains (docs/auditor-guide.md). */
    interface Checkpoints {
        /** The append-only file outside the database each signed checkpoint is added to. */
        @WithDefault("data/audit-checkpoints.ndjson")
        Path file();

        /** A chain that moved is signed at least this often... */
        @WithDefault("10m")
        Duration interval();

        /** ...or as soon as it has grown by this many records. */
        @WithDefault("10000")
        long records();

        /** Public keys (PEM) whose checkpoints are trusted besides the signing key's: earlier or other instances' keys. */
        Optional<List<Path>> trustedKeys();
    }

    interface CdsClients {
        /** JSON file listing the trusted EHRs (iss and keys); when set, CDS Hooks calls need a signed JWT. */
        Optional<Path> file();

        /** Signature algorithms accepted; ES384 and RS384 as CDS Hooks recommends, ES256/RS256 only if listed. */
        @WithDefault("ES384,RS384")
        List<String> algorithms();

        /** Clock difference tolerated on exp and iat. */
        @WithDefault("30s")
        Duration clockSkew();

        /** How long a fetched JWK Set is used before it is fetched again. */
        @WithDefault("1h")
        Duration jwksCacheTime();

        /** Least time between two fetches of one JWK Set prompted by an unknown key id. */
        @WithDefault("30s")
        Duration jwksRefetchInterval();

        /** Time allowed to fetch a JWK Set. */
        @WithDefault("3s")
        Duration jwksTimeout();

        /** Largest JWK Set document read. */
        @WithDefault("256K")
        MemorySize jwksMaxSize();
    }

    interface Cors {
        /** Origins (or /regex/) allowed for browser-based EHRs; default: any on loopback, none otherwise. */
        Optional<List<String>> origins();
    }

    interface Staff {
        /** Claim of a staff OIDC token that holds its roles; a path such as realm_access.roles for Keycloak. */
        @WithDefault("roles")
        String rolesClaim();
    }

    /** Bounds on every request, checked before any work; each refusal names the limit. */
    interface Limits {
        /** JSON nesting depth of a request body. */
        @WithDefault("64")
        int jsonDepth();

        /** Characters in any one JSON string of a request (resource text included). */
        @WithDefault("100000")
        int stringLength();

        /** Draft orders in one call. */
        @WithDefault("200")
        int draftOrders();

        /** Resources in one prefetch entry or FHIR page. */
        @WithDefault("5000")
        int prefetchResources();

        /** Characters of a FHIR id (context.patientId, encounterId, resource ids): 64 in FHIR R4. */
        @WithDefault("64")
        int idLength();

        /** Characters of context.userId and other references and URLs. */
        @WithDefault("200")
        int referenceLength();

        /** Characters of a unit in a quantity (doses, observations). */
        @WithDefault("40")
        int unitLength();

        /** Parenthesis nesting of a unit expression. */
        @WithDefault("2")
        int unitDepth();

        /** Feedback entries in one feedback call. */
        @WithDefault("100")
        int feedbackEntries();

        /** Cards in one response; beyond it the least severe are summarised on one card. */
        @WithDefault("50")
        int cards();
    }

    /** How patient data is judged before the checks use it. */
    interface Clinical {
        /**
         * Oldest serum creatinine or eGFR the renal and dose checks use, counted back from the evaluation's time; an
         * older value is not used and the cards that needed it say it is stale.
         */
        @WithDefault("P90D")
        Duration labMaxAge();
    }

    /** The web console (docs/console.md). */
    interface Console {
        /** Folder of sample CDS Hooks requests offered on the console's "Try it" page (missing: none offered). */
        @WithDefault("docs/examples")
        Path examplesDir();

        /**
         * How long the dashboard's statistics and integrity status, once computed, are shown to everyone before they
         * are computed again (0: on every load).
         */
        @WithDefault("30s")
        Duration dashboardCacheTime();
    }
}
