package org.medsafety.knowledge;

import java.util.Locale;
import java.util.Set;

/**
 * A patient-context factor that changes how one interaction row applies, as the HL7 PDDI CDS implementation guide
 * models "contextual information/modifying factors" (interaction-modifiers.csv): raise or lower its severity, set it,
 * limit it to the patient it is about, or only be named on the card.
 *
 * @param value   the factor's threshold (years, mg/dL, mL/min) or reference (value-set id, drug reference), as written
 * @param number  the threshold as a number, for the numeric factors; else null
 * @param drugs   ingredient ids the drug reference expands to, for the drug factors; else empty
 * @param routes  route keywords for {@link Factor#PAIR_DRUG_ROUTE}, or {@code systemic} for a co-medication; else empty
 * @param group   for {@link Effect#RAISE}: the kind of risk factor; the severity rises one step only when every group
 *                of the interaction has a factor that applies (groups are and-ed, the factors of a group or-ed)
 * @param note    the source's words, shown on the card when the factor applies
 */
public record InteractionModifier(String id, String interactionId, Factor factor, String value, Double number,
                                  Set<Integer> drugs, Set<String> routes, String group, Effect effect,
                                  Severity severity, String note, Source source) {

    public InteractionModifier {
        drugs = Set.copyOf(drugs);
        routes = Set.copyOf(routes);
    }

    /** What the factor looks at. */
    public enum Factor {
        /** Age in completed years at least {@code value}. */
        MIN_AGE("min-age"),
        /** An active condition coded in (or named as) the value set {@code value} of condition-value-sets.csv. */
        CONDITION("condition"),
        /** Another medication (current or ordered) of {@code value}, other than the two drugs of the pair. */
        CO_MEDICATION("co-medication"),
        /** The drug {@code value} of the pair is given by one of {@code routes}; not relevant when not in the pair. */
        PAIR_DRUG_ROUTE("pair-drug-route"),
        /** Serum creatinine at least {@code value} mg/dL. */
        MIN_SERUM_CREATININE("min-scr"),
        /** Renal function at most {@code value} mL/min: CrCl when known, else eGFR. */
        MAX_RENAL_FUNCTION("renal-function-at-most");

        private final String label;

        Factor(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        static Factor parse(String text) {
            for (Factor f : values()) {
                if (f.label.equals(text)) {
                    return f;
                }
            }
            throw new IllegalArgumentException(text);
        }

        boolean numeric() {
            return this == MIN_AGE || this == MIN_SERUM_CREATININE || this == MAX_RENAL_FUNCTION;
        }

        boolean aboutDrugs() {
            return this == CO_MEDICATION || this == PAIR_DRUG_ROUTE;
        }
    }

    /** What the factor does when it applies. */
    public enum Effect {
        /** The interaction is about these patients only: no card when the factor is known not to apply. */
        REQUIRE,
        /** The severity becomes {@code severity}; the first such factor in file order wins over raise and lower. */
        SET,
        /** One step up when every raise group has a factor that applies. */
        RAISE,
        /** One step down. */
        LOWER,
        /** Named on the card, severity unchanged. */
        NOTE;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
