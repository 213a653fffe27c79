package org.medsafety.admin;

import io.quarkus.logging.Log;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.medsafety.engine.ActiveRuleset;
import org.medsafety.engine.ActiveRuleset.Served;
import org.medsafety.engine.Ruleset;
import org.medsafety.engine.RulesetFiles;
import org.medsafety.errors.Failures;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The single owner of "which ruleset this instance serves". Publication, rollback, reload, tuning, the start and the
 * follower of other instances all change it here, one at a time (one lock), and only forward: this instance moves
 * to an activation only if its id is greater than the one it serves, so it never steps back to a version that a
 * newer activation (a rollback, here or on another instance) replaced.
 * <p>
 * Activations are appended to the database's log under the lock, and the local swap follows in the same critical
 * section; the follower compiles outside the lock (seconds, for a DRL change) and then, inside it, re-reads the
 * newest activation and swaps only if that is still the version it compiled.
 */
@Singleton
public class RulesetActivator {

    @Inject
    ActivationLog log;

    @Inject
    ActiveRuleset active;

    private Function<RulesetFiles, PublicationPipeline.Outcome> compiler = new PublicationPipeline()::compile;
    private final ReentrantLock lock = new ReentrantLock();
    /** The newest activation this instance could not serve (not stored, altered, or not compiling), or null. */
    private volatile ActivationLog.Activation failed;
    /** Set while the follower's polls fail, so that an outage is logged once. */
    private volatile boolean databaseUnreachable;
    /** When ({@link #clock}) the follower first saw an activation newer than the one served; null while current. */
    private volatile Long behindSince;
    private LongSupplier clock = System::nanoTime;

    RulesetActivator() {
    }

    /** For tests: a log and compiler of their own (a slow compile makes the follower's race reproducible). */
    RulesetActivator(ActivationLog log, ActiveRuleset active,
                     Function<RulesetFiles, PublicationPipeline.Outcome> compiler) {
        this.log = log;
        this.active = active;
        this.compiler = compiler;
    }

    /**
     * Records the activation of a checked and stored ruleset in the database and serves it here. The activation is
     * newer than every committed one, so the swap always goes forward.
     *
     * @throws ActivationLog.Conflict if the precondition does not hold (nothing changed)
     */
    public ActivationLog.Activation activate(Ruleset checked, String actor, String reason,
                                             ActivationLog.Precondition precondition) {
        lock.lock();
        try {
            ActivationLog.Activation activation = log.append(checked.version(), actor, reason, precondition);
            serve(checked, activation);
            return activation;
        } finally {
            lock.unlock();
        }
    }

    /**
     * At start: serves what the database says is active; returns false (nothing served) when nothing is active yet.
     *
     * @throws IllegalStateException if the active version cannot be served here
     */
    public boolean serveActive() {
        ActivationLog.Activation latest = log.latest();
        if (latest == null) {
            return false;
        }
        long start = System.nanoTime();
        Loaded loaded = load(latest);
        if (loaded.ruleset() == null) {
            throw new IllegalStateException("the active ruleset " + latest.version() + " in the database cannot be "
                    + "served: " + loaded.problem());
        }
        Ruleset ruleset = loaded.ruleset();
        lock.lock();
        try {
            ActivationLog.Activation recheck = log.latest();
            ActivationLog.Activation serving = recheck != null && recheck.version().equals(latest.version())
                    ? recheck : latest;
            serve(ruleset, serving);
        } finally {
            lock.unlock();
        }
        Log.infof("Ruleset %s (active in the database) loaded and compiled in %d ms", ruleset.shortVersion(),
                (System.nanoTime() - start) / 1_000_000);
        return true;
    }

    /**
     * Brings this instance to the newest activation in the database, if it is newer than the one served: a
     * publication or rollback made through another instance (or committed here by a request whose answer was lost).
     * Never throws; a version that cannot be served is reported once and skipped until a newer activation comes.
     */
    public void follow() {
        try {
            ActivationLog.Activation latest = log.latest();
            if (databaseUnreachable) {
                databaseUnreachable = false;
                Log.infof("Ruleset follower reaches the database again");
            }
            Served now = active.servedOrNull();
            if (latest == null || now == null || latest.id() <= now.activationId()) {
                behindSince = null;
                return;
            }
            if (behindSince == null) {
                behindSince = clock.getAsLong();
            }
            if (latest.equals(failed)) {
                return; // behind, and staying behind until a newer activation comes: the lag says so
            }
            long start = System.nanoTime();
            Loaded loaded = latest.version().equals(now.ruleset().version())
                    ? new Loaded(now.ruleset(), null) : load(latest);
            if (loaded.ruleset() == null) {
                failed = latest;
                Log.errorf("Ruleset %s is active in the database (activation %d) but cannot be served here: %s; "
                        + "still serving %s", latest.version(), latest.id(), loaded.problem(),
                        now.ruleset().shortVersion());
                return;
            }
            Ruleset ruleset = loaded.ruleset();
            lock.lock();
            try {
                // Compiling took time: serve it only if it is still the newest activation (a rollback may have come).
                ActivationLog.Activation recheck = log.latest();
                if (recheck == null || !recheck.version().equals(latest.version())) {
                    Log.infof("Ruleset %s was superseded while it compiled; following the newer activation next",
                            ruleset.shortVersion());
                    return;
                }
                if (serve(ruleset, recheck) && ruleset != now.ruleset()) {
                    Log.infof("Ruleset %s activated elsewhere; now serving it (loaded and compiled in %d ms)",
                            ruleset.shortVersion(), (System.nanoTime() - start) / 1_000_000);
                }
                Served served = active.servedOrNull();
                if (served != null && served.activationId() >= recheck.id()) {
                    behindSince = null;
                }
            } finally {
                lock.unlock();
            }
        } catch (RuntimeException e) {
            if (!databaseUnreachable) { // once per outage, not once a second
                databaseUnreachable = true;
                Log.warnf("Ruleset follower could not check the database: %s; retrying every poll",
                        Failures.describe(e));
            }
        }
    }

    /**
     * Seconds since this instance's follower first saw a newer activation than the one it serves (compiling it, or
     * unable to serve it); 0 while it serves the newest it has seen. While the database cannot be polled the value
     * stays as it was (frozen at 0 if it was current then).
     */
    public double lagSeconds() {
        Long since = behindSince;
        return since == null ? 0 : Math.max(0, clock.getAsLong() - since) / 1e9;
    }

    /** For tests: the time source of {@link #lagSeconds()}, in nanoseconds. */
    void clock(LongSupplier nanos) {
        this.clock = nanos;
    }

    /** The newest activation this instance could not serve, or null if it serves the newest it has seen. */
    public ActivationLog.Activation failedActivation() {
        ActivationLog.Activation skipped = failed;
        Served served = active.servedOrNull();
        return skipped != null && (served == null || skipped.id() > served.activationId()) ? skipped : null;
    }

    /** A stored version compiled, or why it cannot be served. */
    private record Loaded(Ruleset ruleset, String problem) {
    }

    private Loaded load(ActivationLog.Activation activation) {
        RulesetFiles files = log.load(activation.version());
        if (files == null) {
            return new Loaded(null, "its files are not in the database");
        }
        String hash = files.contentHash();
        if (!hash.equals(activation.version())) {
            return new Loaded(null, "its stored files hash to " + hash + ", not to the version: they were altered");
        }
        PublicationPipeline.Outcome outcome = compiler.apply(files);
        if (!outcome.ok()) {
            outcome.problems().forEach(p -> Log.errorf("Ruleset %s problem: %s", activation.version(), p));
            return new Loaded(null, "it does not compile here (" + outcome.problems().size() + " problem(s) logged)");
        }
        return new Loaded(outcome.ruleset(), null);
    }

    /** Serves {@code ruleset} as {@code activation} if that is newer than what is served; call with the lock held. */
    private boolean serve(Ruleset ruleset, ActivationLog.Activation activation) {
        return active.advance(active.servedOrNull(), new Served(ruleset, activation.id()));
    }
}
