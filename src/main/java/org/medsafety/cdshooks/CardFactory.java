package org.medsafety.cdshooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.medsafety.cdshooks.dto.Action;
import org.medsafety.cdshooks.dto.Card;
import org.medsafety.cdshooks.dto.CardSource;
import org.medsafety.cdshooks.dto.Coding;
import org.medsafety.cdshooks.dto.Link;
import org.medsafety.cdshooks.dto.Suggestion;
import org.medsafety.engine.Finding;
import org.medsafety.engine.Finding.SuggestedChange;
import org.medsafety.engine.RuleInfo;
import org.medsafety.engine.Ruleset;
import org.medsafety.knowledge.OverrideReason;
import org.medsafety.snapshot.DraftOrder;
import org.medsafety.snapshot.PatientSnapshot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Turns findings into CDS Hooks 2.0 cards, at most {@link CardCap#maxCards()} per response. */
public final class CardFactory {

    /** Coding system naming our rules in {@code source.topic}. */
    public static final String RULE_SYSTEM = "urn:medsafety:rule";
    /** Reverse-domain key of our card extension (the spec reserves {@code extension} for such keys). */
    public static final String EXTENSION_KEY = "org.medsafety.finding";
    static final int SUMMARY_MAX = 139;
    /** Rule id of the card saying the EHR sent only part of the patient's data. */
    public static final String DATA_INCOMPLETE_RULE = "DATA-INCOMPLETE";

    private final CardCap cap;

    /** @param maxCards cards per response (medsafety.limits.cards) */
    public CardFactory(int maxCards) {
        this.cap = new CardCap(maxCards);
    }

    /** A card with what the audit trail needs to index it. */
    public record IssuedCard(Card card, Finding finding) {
    }

    public List<IssuedCard> cards(Ruleset ruleset, List<Finding> findings, PatientSnapshot snapshot,
                                  List<String> incompleteData) {
        List<Coding> overrideReasons = new ArrayList<>();
        for (OverrideReason r : ruleset.knowledge().overrideReasons()) {
            overrideReasons.add(new Coding(r.system(), r.code(), r.display()));
        }
        List<Finding> all = new ArrayList<>(findings.size() + 1);
        all.addAll(findings);
        if (!incompleteData.isEmpty()) {
            all.add(incompleteDataFinding(incompleteData, snapshot));
        }
        List<Finding> shown = cap.apply(all);
        List<IssuedCard> cards = new ArrayList<>(shown.size());
        for (Finding f : shown) {
            cards.add(new IssuedCard(card(ruleset, f, snapshot, overrideReasons), f));
        }
        return cards;
    }

    private Card card(Ruleset ruleset, Finding f, PatientSnapshot snapshot, List<Coding> overrideReasons) {
        RuleInfo rule = ruleset.rules().get(f.ruleId());
        String ruleTitle = rule == null ? f.ruleId() : rule.title();
        String label = "MedSafety CDS (ruleset " + ruleset.shortVersion() + ")"
                + (f.source() == null ? "" : ": " + f.source().citation())
                + (f.localNote() == null ? "" : " [local tuning: " + f.localNote() + "]");
        CardSource source = new CardSource(label, f.source() == null ? null : f.source().url(),
                new Coding(RULE_SYSTEM, f.ruleId(), ruleTitle));
        List<Suggestion> suggestions = suggestions(f, snapshot);
        List<Link> links = f.source() == null || f.source().url() == null ? List.of()
                : List.of(new Link("Evidence: " + shorten(f.source().citation(), 80), f.source().url(), "absolute"));
        return new Card(UUID.randomUUID().toString(), summary(f.summary()), f.detail(), f.indicator(), source,
                suggestions, suggestions.isEmpty() ? null : "at-most-one",
                f.severity() == null ? List.of() : overrideReasons, links, extension(ruleset, f));
    }

    private static Map<String, Object> extension(Ruleset ruleset, Finding f) {
        Map<String, Object> finding = new LinkedHashMap<>();
        finding.put("ruleId", f.ruleId());
        finding.put("check", f.check());
        if (f.severity() != null) {
            finding.put("severity", f.severity().label());
        }
        if (f.knowledgeId() != null) {
            finding.put("knowledgeId", f.knowledgeId());
        }
        if (f.orderRef() != null) {
            finding.put("draftOrder", f.orderRef());
        }
        if (!f.relatedRefs().isEmpty()) {
            finding.put("related", f.relatedRefs());
        }
        if (f.oncHighPriority()) {
            finding.put("oncHighPriority", true);
        }
        if (f.localNote() != null) {
            finding.put("localTuning", f.localNote());
        }
        finding.put("rulesetVersion", ruleset.version());
        return Map.of(EXTENSION_KEY, finding);
    }

    private static List<Suggestion> suggestions(Finding f, PatientSnapshot snapshot) {
        List<Suggestion> result = new ArrayList<>();
        for (SuggestedChange change : f.suggestions()) {
            DraftOrder order = snapshot.draftOrders().stream()
                    .filter(o -> o.reference().equals(change.orderRef())).findFirst().orElse(null);
            if (order == null || !order.resource().hasNonNull("id")) {
                continue; // an order without an id cannot be named in an action
            }
            Action action = switch (change.kind()) {
                case REMOVE_ORDER -> new Action("delete", "Remove the draft order " + order.medication().label(),
                        null, order.reference());
                case CHANGE_DOSE -> new Action("update", "Replace the draft order with the adjusted dose",
                        withDose(order.resource(), change.newDoseValue()), null);
            };
            result.add(new Suggestion(change.label(), UUID.randomUUID().toString(),
                    change.recommended() ? Boolean.TRUE : null, List.of(action)));
        }
        return result;
    }

    /** The entire draft order with the first dose set to {@code value} (same unit), as an update action needs. */
    static JsonNode withDose(JsonNode order, double value) {
        ObjectNode copy = order.deepCopy();
        JsonNode doseAndRate = copy.path("dosageInstruction").path(0).path("doseAndRate").path(0);
        if (doseAndRate instanceof ObjectNode dr) {
            JsonNode quantity = dr.has("doseQuantity") ? dr.get("doseQuantity") : dr.path("doseRange").path("high");
            ObjectNode newQuantity = quantity instanceof ObjectNode q ? q.deepCopy() : copy.objectNode();
            newQuantity.put("value", value);
            dr.remove("doseRange");
            dr.set("doseQuantity", newQuantity);
        }
        return copy;
    }

    private static Finding incompleteDataFinding(List<String> keys, PatientSnapshot snapshot) {
        String order = snapshot.draftOrders().stream().filter(DraftOrder::selected).map(DraftOrder::reference)
                .findFirst().orElse(null);
        return new Finding(DATA_INCOMPLETE_RULE, "unscreened", null, "info", null,
                "Screening may be incomplete: only part of the patient's " + String.join(", ", keys) + " was available",
                "The EHR sent only the first page of **" + String.join(", ", keys) + "** and gave no FHIR server to "
                        + "read the rest from, so the orders were screened against part of the record only.",
                order, List.of(), List.of(), List.of(), null, false, List.of());
    }

    /** CDS Hooks: summary is one sentence of fewer than 140 characters. */
    static String summary(String text) {
        return shorten(text, SUMMARY_MAX);
    }

    private static String shorten(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int cut = text.lastIndexOf(' ', max - 1);
        return text.substring(0, cut > max / 2 ? cut : max - 1) + "…";
    }
}
