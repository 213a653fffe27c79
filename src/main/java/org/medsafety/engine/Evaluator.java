package org.medsafety.engine;

import org.kie.api.runtime.StatelessKieSession;
import org.medsafety.knowledge.LocalTuning;
import org.medsafety.snapshot.DraftOrder;
import org.medsafety.snapshot.PatientSnapshot;

import java.util.List;

/** Runs one snapshot through one ruleset. Stateless and thread-safe: every call gets its own session and findings. */
public final class Evaluator {

    private Evaluator() {
    }

    public static Evaluation evaluate(Ruleset ruleset, PatientSnapshot snapshot) {
        return evaluate(ruleset, snapshot, true);
    }

    /**
     * @param applyTuning false for scenario runs: scenarios test the knowledge as written, and this site's local
     *                    tuning (disabled rows, lowered severities) is applied on top of it only when serving
     */
    public static Evaluation evaluate(Ruleset ruleset, PatientSnapshot snapshot, boolean applyTuning) {
        FactAssembler.Assembled assembled = ruleset.facts.assemble(snapshot);
        Findings findings = new Findings();
        findings.useContext(new InteractionContext(snapshot, assembled.facts(), ruleset.knowledge()));
        // A fresh stateless session per request: its globals are per session object, and sessions are cheap.
        StatelessKieSession session = ruleset.kieBase().newStatelessKieSession();
        session.setGlobal("kb", ruleset.knowledge());
        session.setGlobal("findings", findings);
        session.execute(assembled.facts());
        findings.draftOrdersNotScreened(assembled.notScreened().stream().map(DraftOrder::reference).toList(),
                FactAssembler.MAX_DRAFT_ORDERS);
        return new Evaluation(ruleset, applyTuning ? tuned(ruleset.knowledge().tuning(), findings.list())
                : findings.list(), assembled.withoutKnowledge(), assembled.unidentifiedDraftOrders(),
                assembled.unidentifiedActiveMedications());
    }

    /** Applies this site's local tuning; ONC high-priority findings are never touched (the loader refuses it too). */
    static List<Finding> tuned(LocalTuning tuning, List<Finding> findings) {
        if (tuning.isEmpty()) {
            return findings;
        }
        List<Finding> result = new java.util.ArrayList<>(findings.size());
        for (Finding f : findings) {
            LocalTuning.Entry byRule = tuning.about(f.ruleId());
            LocalTuning.Entry byRow = tuning.about(f.knowledgeId());
            if (f.oncHighPriority() || (byRule == null && byRow == null)) {
                result.add(f);
            } else if ((byRule != null && byRule.disable()) || (byRow != null && byRow.disable())) {
                continue; // disabled at this site, with a reason on record in knowledge-base/local-tuning.csv
            } else if (byRow != null && f.severity() != null && byRow.severity().ordinal() > f.severity().ordinal()) {
                result.add(f.lowered(byRow.severity(), "lowered from " + f.severity().label() + " to "
                        + byRow.severity().label() + " by " + byRow.author() + ": " + byRow.reason()));
            } else {
                result.add(f);
            }
        }
        return List.copyOf(result);
    }
}
