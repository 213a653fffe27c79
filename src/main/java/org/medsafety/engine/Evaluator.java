package org.medsafety.engine;

import org.kie.api.runtime.StatelessKieSession;
import org.medsafety.snapshot.PatientSnapshot;

import java.util.List;

/** Runs one snapshot through one ruleset. Stateless and thread-safe: every call gets its own session and findings. */
public final class Evaluator {

    private Evaluator() {
    }

    public static Evaluation evaluate(Ruleset ruleset, PatientSnapshot snapshot) {
        List<Object> facts = ruleset.facts.facts(snapshot);
        Findings findings = new Findings();
        // A fresh stateless session per request: its globals are per session object, and sessions are cheap.
        StatelessKieSession session = ruleset.kieBase().newStatelessKieSession();
        session.setGlobal("kb", ruleset.knowledge());
        session.setGlobal("findings", findings);
        session.execute(facts);
        return new Evaluation(ruleset, findings.list());
    }
}
