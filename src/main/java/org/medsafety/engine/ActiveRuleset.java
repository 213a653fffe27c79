package org.medsafety.engine;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The ruleset that new requests use, with the database activation it serves. Swapping is atomic: a request takes one
 * reference at its start and finishes on it, so a publication never changes the rules under a request in flight.
 * It only ever moves forward, to a newer activation: an instance that has served a rollback never goes back to the
 * version rolled back. {@code admin.RulesetActivator} is the only code that moves it.
 */
@ApplicationScoped
public class ActiveRuleset {

    /** A ruleset as served here, and the id of the database activation that made it the one to serve. */
    public record Served(Ruleset ruleset, long activationId) {
    }

    private final AtomicReference<Served> current = new AtomicReference<>();

    /** The ruleset for a new request; never null once the service has started. */
    public Ruleset current() {
        return served().ruleset();
    }

    /** What this instance serves, with its activation; never null once the service has started. */
    public Served served() {
        Served served = current.get();
        if (served == null) {
            throw new IllegalStateException("no ruleset is active yet");
        }
        return served;
    }

    /** What this instance serves, or null before the first activation was loaded. */
    public Served servedOrNull() {
        return current.get();
    }

    /**
     * Serves {@code next} if this instance still serves {@code expected} (null: nothing yet) and {@code next} comes
     * from a newer activation; false, with nothing changed, otherwise.
     */
    public boolean advance(Served expected, Served next) {
        if (next == null || next.ruleset() == null
                || (expected != null && next.activationId() <= expected.activationId())) {
            return false;
        }
        return current.compareAndSet(expected, next);
    }
}
