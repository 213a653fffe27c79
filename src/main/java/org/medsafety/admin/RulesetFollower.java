package org.medsafety.admin;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.medsafety.config.MedsafetyConfig;
import org.medsafety.engine.ActiveRuleset;
import org.medsafety.engine.RulesetFiles;
import org.medsafety.cdshooks.Failures;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Loads the active ruleset at start, then keeps this instance on the version the database says is active: another
 * instance's publication or rollback is picked up within one polling interval (1 s by default). Polling a one-row
 * query works the same on H2 and PostgreSQL and needs no cluster protocol.
 */
@Startup
@ApplicationScoped
public class RulesetFollower {

    @Inject
    RulesetPublisher publisher;

    @Inject
    RulesetStore store;

    @Inject
    ActiveRuleset active;

    @Inject
    MedsafetyConfig config;

    private final PublicationPipeline pipeline = new PublicationPipeline();
    private ScheduledExecutorService timer;
    private volatile String failedVersion;

    @PostConstruct
    void start() {
        publisher.start();
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ruleset-follower");
            t.setDaemon(true);
            return t;
        });
        long every = config.ruleset().pollInterval().toMillis();
        timer.scheduleWithFixedDelay(this::follow, every, every, TimeUnit.MILLISECONDS);
    }

    void follow() {
        try {
            String wanted = store.activeVersion();
            if (wanted == null || wanted.equals(active.current().version()) || wanted.equals(failedVersion)) {
                return;
            }
            synchronized (publisher) {
                long start = System.nanoTime();
                RulesetFiles files = store.load(wanted);
                PublicationPipeline.Outcome outcome = pipeline.compile(files);
                if (!outcome.ok()) {
                    failedVersion = wanted;
                    Log.errorf("Ruleset %s is active in the database but does not compile here; still serving %s",
                            wanted, active.current().shortVersion());
                    return;
                }
                active.swap(outcome.ruleset());
                Log.infof("Ruleset %s activated elsewhere; now serving it (loaded and compiled in %d ms)",
                        outcome.ruleset().shortVersion(), (System.nanoTime() - start) / 1_000_000);
            }
        } catch (RuntimeException e) {
            Log.warnf("Ruleset follower could not check the database: %s", Failures.describe(e));
        }
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
