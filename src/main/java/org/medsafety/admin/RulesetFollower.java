package org.medsafety.admin;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.medsafety.config.MedsafetyConfig;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Loads the active ruleset at start, then keeps this instance on the newest activation in the database: another
 * instance's publication or rollback is picked up within one polling interval (1 s by default) plus its compile time.
 * Polling a one-row query works the same on H2 and PostgreSQL and needs no cluster protocol. What may be served, and
 * when, is {@link RulesetActivator}'s decision; this class only keeps time.
 */
@Startup
@ApplicationScoped
public class RulesetFollower {

    @Inject
    RulesetPublisher publisher;

    @Inject
    RulesetActivator activator;

    @Inject
    MedsafetyConfig config;

    private ScheduledExecutorService timer;

    @PostConstruct
    void start() {
        publisher.start();
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ruleset-follower");
            t.setDaemon(true);
            return t;
        });
        long every = config.ruleset().pollInterval().toMillis();
        timer.scheduleWithFixedDelay(activator::follow, every, every, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
