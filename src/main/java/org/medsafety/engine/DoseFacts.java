package org.medsafety.engine;

import org.medsafety.engine.facts.DoseFact;
import org.medsafety.medication.DoseCalculator;
import org.medsafety.medication.ResolvedIngredient;
import org.medsafety.medication.ResolvedMedication;
import org.medsafety.medication.Routes;
import org.medsafety.snapshot.DoseInstruction;
import org.medsafety.snapshot.DosePlausibility;
import org.medsafety.snapshot.DraftOrder;
import org.medsafety.snapshot.Quantity;

import java.util.ArrayList;
import java.util.List;

/**
 * The dose facts of one draft order, one per ingredient. A dose or schedule that is there but not usable (judged again
 * here: scenario files and replayed records do not pass through the dose reader) gives facts without mg figures and
 * with the reason, so that the dose check says "not checked" instead of staying silent.
 */
final class DoseFacts {

    private DoseFacts() {
    }

    static List<DoseFact> of(DraftOrder order, ResolvedMedication med) {
        DoseInstruction instruction = order.dose();
        String problem = DosePlausibility.problem(instruction);
        if (instruction == null || (instruction.dose() == null && problem == null)) {
            return List.of();
        }
        Quantity quantity = problem == null || instruction.dose() == null ? instruction.dose()
                : usableOrNull(instruction.dose());
        Double perDay = DosePlausibility.frequencyProblem(instruction.dosesPerDay(), null) == null
                ? instruction.dosesPerDay() : null;
        DoseInstruction usable = new DoseInstruction(quantity, perDay, instruction.weekly(), null,
                instruction.route(), instruction.asNeeded(), problem);
        String route = usable.route() != null ? Routes.keyword(usable.route()) : med.route();
        boolean counted = quantity != null && DoseCalculator.isCountedUnit(quantity);
        List<DoseFact> doses = new ArrayList<>(med.ingredients().size());
        for (ResolvedIngredient ri : med.ingredients()) {
            Double mg = quantity == null ? null
                    : DoseCalculator.milligramsPerDose(usable, ri, med.ingredients().size());
            doses.add(new DoseFact(order.reference(), med.label(), ri.ingredient().id(), ri.ingredient().name(),
                    route, mg, perDay, usable.weekly(), order.selected(), quantity == null ? 0 : quantity.value(),
                    quantity == null ? null : quantity.unit() != null ? quantity.unit() : quantity.code(), counted,
                    problem));
        }
        return doses;
    }

    private static Quantity usableOrNull(Quantity q) {
        return DosePlausibility.doseProblem(q.value(), q.effectiveUnit()) == null ? q : null;
    }
}
