package org.medsafety.engine;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The ruleset that new requests use. Swapping is atomic: a request takes one reference at its start and finishes on
 * it, so a publication never changes the rules under a request in flight.
 */
@ApplicationScoped
public class ActiveRuleset {

    private final AtomicReference<Ruleset> current = new AtomicReference<>();

    /** The ruleset for a new request; never null once the service has started. */
    public Ruleset current() {
        Ruleset ruleset = current.get();
        if (ruleset == null) {
            throw new IllegalStateException("no ruleset is active yet");
        }
        return ruleset;
    }

    /** Makes {@code next} the active ruleset and returns the one it replaced (null at start). */
    public Ruleset swap(Ruleset next) {
        return current.getAndSet(next);
    }
}
