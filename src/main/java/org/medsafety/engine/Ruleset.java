package org.medsafety.engine;

import org.kie.api.KieBase;
import org.medsafety.knowledge.KnowledgeBase;
import org.medsafety.medication.MedicationResolver;

import java.time.Instant;
import java.util.Map;

/**
 * One compiled, validated ruleset version: rules and the knowledge they read, published together so that they can
 * only change together. Immutable; requests in flight keep the instance they started with.
 */
public final class Ruleset {

    private final String version;
    private final KieBase kieBase;
    private final KnowledgeBase knowledge;
    private final Map<String, RuleInfo> rules;
    private final Instant compiledAt;
    final FactAssembler facts;

    Ruleset(String version, KieBase kieBase, KnowledgeBase knowledge, Map<String, RuleInfo> rules, Instant compiledAt) {
        this.version = version;
        this.kieBase = kieBase;
        this.knowledge = knowledge;
        this.rules = Map.copyOf(rules);
        this.compiledAt = compiledAt;
        this.facts = new FactAssembler(knowledge, new MedicationResolver(knowledge));
    }

    /** The content hash of the rules and knowledge files. */
    public String version() {
        return version;
    }

    /** The first 12 characters of the version, for display. */
    public String shortVersion() {
        return version.substring(0, 12);
    }

    public KnowledgeBase knowledge() {
        return knowledge;
    }

    public Map<String, RuleInfo> rules() {
        return rules;
    }

    public Instant compiledAt() {
        return compiledAt;
    }

    KieBase kieBase() {
        return kieBase;
    }
}
