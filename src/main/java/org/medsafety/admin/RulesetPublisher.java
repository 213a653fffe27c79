package org.medsafety.admin;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.medsafety.config.MedsafetyConfig;
import org.medsafety.engine.RulesetFiles;
import org.medsafety.engine.RulesetProblem;
import org.medsafety.errors.ErrorCode;
import org.medsafety.errors.VersionConflictException;

/**
 * Publishes, validates and (re)activates rulesets. A candidate goes live only after every check passed and it is
 * stored and activated in the database; the swap is atomic, so requests in flight finish on the old version and no
 * request fails. The checks run outside any lock (a slow or looping candidate holds up only its own request); the
 * activation and the swap go through {@link RulesetActivator}, one at a time and only forward. Other instances
 * follow the database ({@link RulesetFollower}).
 */
@ApplicationScoped
public class RulesetPublisher {

    @Inject
    RulesetStore store;

    @Inject
    RulesetActivator activator;

    @Inject
    AdminLog adminLog;

    @Inject
    MedsafetyConfig config;

    @Inject
    RulesetMetrics metrics;

    private final PublicationPipeline pipeline = new PublicationPipeline();

    /**
     * The result of a publication, validation or activation, as the admin API reports it; {@code activation} is the
     * id of the activation that made it active (null unless active): newer activations have greater ids.
     */
    public record Report(String version, String label, String status, PublicationPipeline.Outcome outcome,
                         Long activation) {
    }

    public RulesetFiles configuredFiles() {
        return RulesetFiles.read(config.rules().dir(), config.knowledge().dir());
    }

    /** Runs every check but the swap. */
    public Report validate(RulesetFiles files, String actor, String source) {
        PublicationPipeline.Outcome outcome = pipeline.check(files);
        String status = outcome.ok() ? "valid" : "refused";
        adminLog.record(actor, "validate", outcome.version(), status, source + "; " + summary(outcome));
        return new Report(outcome.version(), null, status, outcome, null);
    }

    /**
     * Checks, stores and activates a candidate; on any failure the running version keeps serving.
     *
     * @param precondition what must be active when the candidate is activated (a tuning: the version it edited)
     * @throws VersionConflictException 409 if the precondition no longer holds (stored, not activated)
     */
    public Report publish(RulesetFiles files, String label, String actor, String reason, String action,
                          ActivationLog.Precondition precondition) {
        PublicationPipeline.Outcome outcome;
        try {
            outcome = pipeline.check(files);
        } catch (RuntimeException e) {
            metrics.published(RulesetMetrics.Outcome.FAILED);
            throw e;
        }
        if (!outcome.ok()) {
            metrics.published(RulesetMetrics.Outcome.REFUSED);
            adminLog.record(actor, action, outcome.version(), "refused", summary(outcome));
            return new Report(outcome.version(), label, "refused", outcome, null);
        }
        ActivationLog.Activation activation;
        try {
            store.store(files, outcome.ruleset(), label, actor, reason);
            activation = activate(outcome, actor, action, reason, precondition);
        } catch (RuntimeException e) {
            metrics.published(RulesetMetrics.Outcome.FAILED);
            throw e;
        }
        metrics.published(RulesetMetrics.Outcome.PUBLISHED);
        adminLog.record(actor, action, outcome.version(), "active", label + "; " + summary(outcome));
        Log.infof("Ruleset %s published by %s and active", outcome.ruleset().shortVersion(), actor);
        return new Report(outcome.version(), label, "active", outcome, activation.id());
    }

    /**
     * Re-activates a stored version (rollback or roll forward), after the same checks as a publication; null if no
     * such version is stored.
     *
     * @throws VersionConflictException 409 if the precondition no longer holds
     */
    public Report activate(String version, String actor, String reason, ActivationLog.Precondition precondition) {
        RulesetVersionRecord stored = store.version(version);
        RulesetFiles files = stored == null ? null : store.load(version);
        if (files == null) {
            adminLog.record(actor, "activate", version, "not-found", null);
            return null;
        }
        PublicationPipeline.Outcome outcome = pipeline.check(files);
        if (outcome.ok() && !outcome.version().equals(version)) {
            // The stored files no longer hash to their version: someone changed them in the database.
            outcome = new PublicationPipeline.Outcome(outcome.version(), null, java.util.List.of(new RulesetProblem(
                    "ruleset_file", 0, "the stored files of " + version + " hash to " + outcome.version()
                    + ": they were altered in the database; publish the intended files again")), 0, 0);
        }
        if (!outcome.ok()) {
            metrics.rolledBack(RulesetMetrics.Outcome.REFUSED);
            adminLog.record(actor, "activate", version, "refused", summary(outcome));
            return new Report(version, stored.label, "refused", outcome, null);
        }
        ActivationLog.Activation activation;
        try {
            activation = activate(outcome, actor, "activate", reason, precondition);
        } catch (RuntimeException e) {
            metrics.rolledBack(RulesetMetrics.Outcome.FAILED);
            throw e;
        }
        metrics.rolledBack(RulesetMetrics.Outcome.PUBLISHED);
        adminLog.record(actor, "activate", version, "active", reason);
        return new Report(version, stored.label, "active", outcome, activation.id());
    }

    private ActivationLog.Activation activate(PublicationPipeline.Outcome outcome, String actor, String action,
                                              String reason, ActivationLog.Precondition precondition) {
        try {
            return activator.activate(outcome.ruleset(), actor, reason, precondition);
        } catch (ActivationLog.Conflict e) {
            adminLog.record(actor, action, outcome.version(), "conflict", e.getMessage());
            throw new VersionConflictException(ErrorCode.RULESET_CHANGED, e.getMessage());
        }
    }

    /**
     * At start: serve the version the database says is active (every instance the same); with none yet, publish
     * the configured folders, unless another instance starting at the same moment published first.
     */
    void start() {
        if (activator.serveActive()) {
            return;
        }
        RulesetFiles files = configuredFiles();
        PublicationPipeline.Outcome outcome = pipeline.check(files);
        if (!outcome.ok()) {
            metrics.published(RulesetMetrics.Outcome.REFUSED);
            adminLog.record("system", "initial-publish", outcome.version(), "refused", summary(outcome));
            outcome.problems().forEach(p -> Log.errorf("Ruleset problem: %s", p));
            throw new IllegalStateException("The ruleset in " + config.rules().dir().toAbsolutePath() + " and "
                    + config.knowledge().dir().toAbsolutePath() + " was refused; see the log for each problem");
        }
        String label = "initial ruleset from " + config.rules().dir() + " and " + config.knowledge().dir();
        store.store(files, outcome.ruleset(), label, "system", "first start with an empty database");
        try {
            activator.activate(outcome.ruleset(), "system", "first start with an empty database",
                    ActivationLog.Precondition.NONE);
        } catch (ActivationLog.Conflict e) {
            Log.infof("Another instance activated a ruleset first; serving the database's active version");
            if (!activator.serveActive()) {
                throw new IllegalStateException("no ruleset is active in the database after another instance's "
                        + "activation", e);
            }
            return;
        }
        metrics.published(RulesetMetrics.Outcome.PUBLISHED);
        adminLog.record("system", "initial-publish", outcome.version(), "active", label + "; " + summary(outcome));
        Log.infof("Ruleset %s published by system and active", outcome.ruleset().shortVersion());
    }

    private static String summary(PublicationPipeline.Outcome outcome) {
        if (outcome.ok()) {
            return outcome.scenariosRun() + " scenarios passed";
        }
        RulesetProblem first = outcome.problems().get(0);
        return outcome.problems().size() + " problem(s), first: " + first;
    }
}
