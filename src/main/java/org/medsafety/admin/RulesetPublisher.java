package org.medsafety.admin;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.medsafety.config.MedsafetyConfig;
import org.medsafety.engine.ActiveRuleset;
import org.medsafety.engine.RulesetFiles;
import org.medsafety.engine.RulesetProblem;

import java.nio.file.Path;

/**
 * Publishes, validates and (re)activates rulesets. A candidate goes live only after every check passed and it is
 * stored and activated in the database; the swap is atomic, so requests in flight finish on the old version and no
 * request fails. One publication at a time per instance; other instances follow the database
 * ({@link RulesetFollower}).
 */
@ApplicationScoped
public class RulesetPublisher {

    @Inject
    RulesetStore store;

    @Inject
    ActiveRuleset active;

    @Inject
    AdminLog adminLog;

    @Inject
    MedsafetyConfig config;

    private final PublicationPipeline pipeline = new PublicationPipeline();

    /** The result of a publication, validation or activation, as the admin API reports it. */
    public record Report(String version, String label, String status, PublicationPipeline.Outcome outcome) {
    }

    public RulesetFiles configuredFiles() {
        return RulesetFiles.read(config.rules().dir(), config.knowledge().dir());
    }

    /** Runs every check but the swap. */
    public Report validate(RulesetFiles files, String actor, String source) {
        PublicationPipeline.Outcome outcome = pipeline.check(files);
        String status = outcome.ok() ? "valid" : "refused";
        adminLog.record(actor, "validate", outcome.version(), status, source + "; " + summary(outcome));
        return new Report(outcome.version(), null, status, outcome);
    }

    /** Checks, stores and activates a candidate; on any failure the running version keeps serving. */
    public synchronized Report publish(RulesetFiles files, String label, String actor, String reason, String action) {
        PublicationPipeline.Outcome outcome = pipeline.check(files);
        if (!outcome.ok()) {
            adminLog.record(actor, action, outcome.version(), "refused", summary(outcome));
            return new Report(outcome.version(), label, "refused", outcome);
        }
        store.store(files, outcome.ruleset(), label, actor, reason);
        store.activate(outcome.version(), actor, reason);
        active.swap(outcome.ruleset());
        adminLog.record(actor, action, outcome.version(), "active", label + "; " + summary(outcome));
        Log.infof("Ruleset %s published by %s and active", outcome.ruleset().shortVersion(), actor);
        return new Report(outcome.version(), label, "active", outcome);
    }

    /** Re-activates a stored version (rollback or roll forward), after the same checks as a publication. */
    public synchronized Report activate(String version, String actor, String reason) {
        RulesetVersionRecord stored = store.version(version);
        RulesetFiles files = stored == null ? null : store.load(version);
        if (files == null) {
            adminLog.record(actor, "activate", version, "not-found", null);
            return null;
        }
        PublicationPipeline.Outcome outcome = pipeline.check(files);
        if (!outcome.ok()) {
            adminLog.record(actor, "activate", version, "refused", summary(outcome));
            return new Report(version, stored.label, "refused", outcome);
        }
        store.activate(version, actor, reason);
        active.swap(outcome.ruleset());
        adminLog.record(actor, "activate", version, "active", reason);
        return new Report(version, stored.label, "active", outcome);
    }

    /**
     * At start: serve the version the database says is active (every instance the same); with none yet, publish
     * the configured folders.
     */
    synchronized void start() {
        String version = store.activeVersion();
        long start = System.nanoTime();
        if (version != null) {
            RulesetFiles files = store.load(version);
            PublicationPipeline.Outcome outcome = pipeline.compile(files);
            if (!outcome.ok()) {
                outcome.problems().forEach(p -> Log.errorf("Active ruleset problem: %s", p));
                throw new IllegalStateException("the active ruleset " + version + " in the database does not compile");
            }
            active.swap(outcome.ruleset());
            Log.infof("Ruleset %s (active in the database) loaded and compiled in %d ms",
                    outcome.ruleset().shortVersion(), (System.nanoTime() - start) / 1_000_000);
            return;
        }
        Report report = publish(configuredFiles(), "initial ruleset from " + config.rules().dir() + " and " + config.knowledge().dir(),
                "system", "first start with an empty database", "initial-publish");
        if (!"active".equals(report.status())) {
            report.outcome().problems().forEach(p -> Log.errorf("Ruleset problem: %s", p));
            throw new IllegalStateException("The ruleset in " + config.rules().dir().toAbsolutePath() + " and "
                    + config.knowledge().dir().toAbsolutePath() + " was refused; see the log for each problem");
        }
    }

    private static String summary(PublicationPipeline.Outcome outcome) {
        if (outcome.ok()) {
            return outcome.scenariosRun() + " scenarios passed";
        }
        RulesetProblem first = outcome.problems().get(0);
        return outcome.problems().size() + " problem(s), first: " + first;
    }
}
