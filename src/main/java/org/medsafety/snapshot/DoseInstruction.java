package org.medsafety.snapshot;

/**
 * The first dosage instruction of an order, normalised.
 *
 * @param dose           amount per administration; for a doseRange, its high end (what the patient may receive);
 *                       null when absent or not usable
 * @param dosesPerDay    administrations per day from timing.repeat or timing.code; for frequencyMax, the maximum; null if
 *                       unknown or not usable
 * @param weekly         true when the period is a week or longer (e.g. methotrexate once weekly)
 * @param dosesPerWeek   administrations per week (dosesPerDay × 7 for daily schedules); null if unknown
 * @param route          route code or text, lower case; null if not given
 * @param asNeeded       PRN order
 * @param problem        why the dose or schedule as ordered cannot be checked ({@link DosePlausibility}), or null;
 *                       the dose card then says "dose not checked" with this reason
 */
public record DoseInstruction(Quantity dose, Double dosesPerDay, boolean weekly, Double dosesPerWeek,
                              String route, boolean asNeeded, String problem) {
}
