package org.medsafety.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.medsafety.audit.EvaluationRecord;
import org.medsafety.config.MedsafetyConfig;
import org.medsafety.cdshooks.CardCap;
import org.medsafety.cdshooks.CardFactory;
import org.medsafety.engine.Evaluator;
import org.medsafety.engine.Finding;
import org.medsafety.engine.Ruleset;
import org.medsafety.engine.RulesetFiles;
import org.medsafety.errors.ErrorCode;
import org.medsafety.errors.InvalidRequestException;
import org.medsafety.errors.UnprocessableEntityException;
import org.medsafety.snapshot.PatientSnapshot;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What-if: re-evaluates stored evaluations (the normalised snapshot each one saw) against a ruleset and compares
 * the result with the cards that were actually returned, per rule: alerts that would appear, disappear, or change
 * severity, with examples. Read-only: nothing is written but the admin log entry.
 */
@ApplicationScoped
public class Replay {

    static final int MAX_LIMIT = 10_000;
    static final int EXAMPLES = 3;

    @Inject
    ObjectMapper json;

    @Inject
    AdminLog adminLog;

    @Inject
    MedsafetyConfig config;

    private final PublicationPipeline pipeline = new PublicationPipeline();

    /** An alert as the comparison sees it. */
    private record Alert(String rule, String key, String indicator, String summary) {
    }

    public ReplayReport run(String label, RulesetFiles files, Instant from, Instant to, int limit, String actor) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidRequestException(ErrorCode.INVALID_PARAMETER, "limit must be between 1 and " + MAX_LIMIT);
        }
        PublicationPipeline.Outcome compiled = pipeline.compile(files);
        if (!compiled.ok()) {
            throw new UnprocessableEntityException(ErrorCode.RULESET_DOES_NOT_COMPILE,
                    "the ruleset does not compile: " + compiled.problems().get(0));
        }
        Ruleset ruleset = compiled.ruleset();
        List<EvaluationRecord> evaluations = EvaluationRecord.<EvaluationRecord>find(
                "evaluatedAt >= :from and evaluatedAt < :to", Sort.descending("id"),
                Parameters.with("from", from == null ? Instant.EPOCH : from)
                        .and("to", to == null ? Instant.now().plusSeconds(1) : to)).page(0, limit).list();

        Map<String, Tally> byRule = new TreeMap<>();
        int changedEvaluations = 0;
        for (EvaluationRecord e : evaluations) {
            Map<String, Alert> before = before(e);
            Map<String, Alert> after = after(ruleset, e);
            boolean changed = false;
            for (Alert a : after.values()) {
                Alert b = before.get(a.key());
                if (b == null) {
                    count(byRule, a.rule(), "appear", e, null, a);
                    changed = true;
                } else if (!b.indicator().equals(a.indicator())) {
                    count(byRule, a.rule(), "changeSeverity", e, b, a);
                    changed = true;
                }
            }
            for (Alert b : before.values()) {
                if (!after.containsKey(b.key())) {
                    count(byRule, b.rule(), "disappear", e, b, null);
                    changed = true;
                }
            }
            changedEvaluations += changed ? 1 : 0;
        }
        adminLog.record(actor, "replay", compiled.version(), "done",
                evaluations.size() + " evaluations, " + changedEvaluations + " would change");
        return new ReplayReport(label.equals("candidate") ? compiled.version() : label, evaluations.size(),
                changedEvaluations, byRule.values().stream().map(Tally::result).toList());
    }

    private Map<String, Alert> before(EvaluationRecord e) {
        Map<String, Alert> alerts = new LinkedHashMap<>();
        for (JsonNode card : read(e.cardsJson)) {
            JsonNode f = card.path("extension").path(CardFactory.EXTENSION_KEY);
            String rule = f.path("ruleId").asText();
            if (rule.equals(CardFactory.DATA_INCOMPLETE_RULE) || rule.equals(CardCap.NOT_SHOWN_RULE)) {
                continue; // about the request and the response's size, not the rules
            }
            String key = rule + '|' + f.path("knowledgeId").asText("") + '|' + f.path("draftOrder").asText("");
            alerts.put(key, new Alert(rule, key, card.path("indicator").asText(), card.path("summary").asText()));
        }
        return alerts;
    }

    private Map<String, Alert> after(Ruleset ruleset, EvaluationRecord e) {
        PatientSnapshot snapshot;
        try {
            snapshot = json.readValue(e.snapshotJson, PatientSnapshot.class);
        } catch (IOException ex) {
            throw new IllegalStateException("stored snapshot of evaluation " + e.id + " cannot be read", ex);
        }
        Map<String, Alert> alerts = new LinkedHashMap<>();
        // The same cap as the service applies, so that findings a response could not show do not read as new alerts.
        for (Finding f : new CardCap(config.limits().cards()).apply(Evaluator.evaluate(ruleset, snapshot).findings())) {
            if (f.ruleId().equals(CardCap.NOT_SHOWN_RULE)) {
                continue;
            }
            String key = f.ruleId() + '|' + (f.knowledgeId() == null ? "" : f.knowledgeId()) + '|'
                    + (f.orderRef() == null ? "" : f.orderRef());
            alerts.put(key, new Alert(f.ruleId(), key, f.indicator(), f.summary()));
        }
        return alerts;
    }

    /** One rule's changes, counted while the replay runs. */
    private static final class Tally {
        final String rule;
        int appear;
        int disappear;
        int changeSeverity;
        final List<ReplayReport.Example> examples = new ArrayList<>();

        Tally(String rule) {
            this.rule = rule;
        }

        ReplayReport.RuleChanges result() {
            return new ReplayReport.RuleChanges(rule, appear, disappear, changeSeverity, List.copyOf(examples));
        }
    }

    private static void count(Map<String, Tally> byRule, String rule, String change, EvaluationRecord e,
                              Alert before, Alert after) {
        Tally tally = byRule.computeIfAbsent(rule, Tally::new);
        switch (change) {
            case "appear" -> tally.appear++;
            case "disappear" -> tally.disappear++;
            default -> tally.changeSeverity++;
        }
        if (tally.examples.size() < EXAMPLES) {
            tally.examples.add(new ReplayReport.Example(e.id, e.evaluatedAt.toString(), change,
                    before == null ? null : before.indicator() + ": " + before.summary(),
                    after == null ? null : after.indicator() + ": " + after.summary()));
        }
    }

    private JsonNode read(String text) {
        try {
            return json.readTree(text);
        } catch (IOException ex) {
            throw new IllegalStateException("stored cards cannot be read", ex);
        }
    }
}
