package org.medsafety.admin;

import org.medsafety.engine.RulesetFiles;

/**
 * The database's record of which ruleset version every instance serves: the activations in the order they
 * committed, and the files of each stored version. {@link RulesetStore} is the real one; tests substitute their own
 * to drive {@link RulesetActivator} through races without a database.
 */
public interface ActivationLog {

    /** One activation: its id orders it among all activations, on every instance. */
    record Activation(long id, String version) {
    }

    /**
     * What the log must show for an activation to be appended: anything ({@link #ANY}), no activation yet
     * ({@link #NONE}, the first start), or this version active (a tuning made on it, a client's If-Match).
     */
    record Precondition(String activeVersion, boolean none) {
        public static final Precondition ANY = new Precondition(null, false);
        public static final Precondition NONE = new Precondition(null, true);

        public static Precondition active(String version) {
            return version == null ? ANY : new Precondition(version, false);
        }

        boolean holdsFor(Activation latest) {
            if (none) {
                return latest == null;
            }
            return activeVersion == null || (latest != null && activeVersion.equals(latest.version()));
        }
    }

    /** The precondition did not hold: {@code latest} is what the log shows instead (null: no activation yet). */
    final class Conflict extends RuntimeException {
        private final transient Activation latest;

        public Conflict(Precondition expected, Activation latest) {
            super(message(expected, latest), null, false, false);
            this.latest = latest;
        }

        public Activation latest() {
            return latest;
        }

        private static String message(Precondition expected, Activation latest) {
            if (latest == null) {
                return "no ruleset version is active yet, so none can be the base of this change";
            }
            if (expected.none()) {
                return "ruleset version " + latest.version() + " is already active";
            }
            return "the active ruleset version is now " + latest.version() + ", not " + expected.activeVersion()
                    + " on which this change was based: nothing was changed; read the current state again "
                    + "(GET /admin/tuning or /admin/rulesets/active) and repeat the change if it still applies";
        }
    }

    /** The newest committed activation, or null before the first. */
    Activation latest();

    /**
     * Appends an activation of a stored version if {@code precondition} holds, and returns it; activations are
     * appended one at a time across all instances, so the id returned is greater than every id committed before.
     *
     * @throws Conflict if the precondition does not hold (nothing is written)
     */
    Activation append(String version, String actor, String reason, Precondition precondition);

    /** The files of a stored version, or null if there is no such version. */
    RulesetFiles load(String version);
}
