package org.medsafety.audit;

import org.medsafety.errors.ErrorCode;
import org.medsafety.errors.InvalidRequestException;


import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The auditor's filters over evaluations, as one JPQL condition on {@code e} (an EvaluationRecord) and its
 * parameters. Card-level filters (rule, drug, indicator, outcome) must all hold for the same card.
 */
public final class EvaluationFilter {

    static final Set<String> INDICATORS = Set.of("info", "warning", "critical");
    static final Set<String> OUTCOMES = Set.of("accepted", "overridden", "none");

    public final String patientId;
    public final String userId;
    public final Instant from;
    public final Instant to;
    public final String service;
    public final String ruleId;
    public final String drug;
    public final String indicator;
    public final String outcome;

    public EvaluationFilter(String patientId, String userId, String from, String to, String service, String ruleId,
                            String drug, String indicator, String outcome) {
        // Longer values than the columns hold cannot match, and would not fit the record of this read.
        this.patientId = bounded(blankToNull(patientId), "patientId", 200);
        this.userId = bounded(blankToNull(userId), "userId", 200);
        this.from = instant(from, "from");
        this.to = instant(to, "to");
        this.service = bounded(blankToNull(service), "service", 100);
        this.ruleId = bounded(blankToNull(ruleId), "ruleId", 100);
        this.drug = bounded(blankToNull(drug), "drug", 200);
        this.indicator = blankToNull(indicator);
        this.outcome = blankToNull(outcome);
        if (this.indicator != null && !INDICATORS.contains(this.indicator)) {
            throw new InvalidRequestException(ErrorCode.INVALID_PARAMETER,
                    "indicator must be info, warning or critical");
        }
        if (this.outcome != null && !OUTCOMES.contains(this.outcome)) {
            throw new InvalidRequestException(ErrorCode.INVALID_PARAMETER,
                    "outcome must be accepted, overridden or none");
        }
        if (this.from != null && this.to != null && !this.from.isBefore(this.to)) {
            throw new InvalidRequestException(ErrorCode.INVALID_PARAMETER, "from must be before to");
        }
    }

    private static String bounded(String value, String name, int max) {
        if (value != null && value.length() > max) {
            throw new InvalidRequestException(ErrorCode.INVALID_PARAMETER,
                    name + " is longer than " + max + " characters");
        }
        return value;
    }

    /** The condition (without "where") and its named parameters. */
    public String where(Map<String, Object> params) {
        List<String> and = new ArrayList<>();
        if (patientId != null) {
            and.add("e.patientId = :patientId");
            params.put("patientId", patientId);
        }
        if (userId != null) {
            and.add("e.userId = :userId");
            params.put("userId", userId);
        }
        if (from != null) {
            and.add("e.evaluatedAt >= :from");
            params.put("from", from);
        }
        if (to != null) {
            and.add("e.evaluatedAt < :to");
            params.put("to", to);
        }
        if (service != null) {
            and.add("e.serviceId = :service");
            params.put("service", service);
        }
        List<String> card = new ArrayList<>();
        if (ruleId != null) {
            card.add("c.ruleId = :ruleId");
            params.put("ruleId", ruleId);
        }
        if (drug != null) {
            if (drug.chars().allMatch(Character::isDigit)) {
                card.add("c.rxcuis like :drugCode");
                params.put("drugCode", "%," + drug + ",%");
            } else {
                card.add("lower(c.drugs) like :drugName");
                params.put("drugName", "%" + drug.toLowerCase(Locale.ROOT) + "%");
            }
        }
        if (indicator != null) {
            card.add("c.indicator = :indicator");
            params.put("indicator", indicator);
        }
        if (outcome != null) {
            if (outcome.equals("none")) {
                card.add("not exists (select f.id from FeedbackRecord f where f.cardUuid = c.cardUuid)");
            } else {
                card.add("exists (select f.id from FeedbackRecord f where f.cardUuid = c.cardUuid "
                        + "and f.outcome = :outcome)");
                params.put("outcome", outcome);
            }
        }
        if (!card.isEmpty()) {
            and.add("exists (select c.id from CardRecord c where c.evaluationId = e.id and "
                    + String.join(" and ", card) + ")");
        }
        return and.isEmpty() ? "1 = 1" : String.join(" and ", and);
    }

    /** The filters as given, for the record of who read what. */
    public String describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("userId", userId);
        m.put("from", from);
        m.put("to", to);
        m.put("service", service);
        m.put("ruleId", ruleId);
        m.put("drug", drug);
        m.put("indicator", indicator);
        m.put("outcome", outcome);
        m.values().removeIf(v -> v == null);
        return m.toString();
    }

    /** An optional ISO-8601 instant parameter; a clear 400 when it is not one. */
    public static Instant instant(String text, String name) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException(ErrorCode.INVALID_PARAMETER,
                    name + " must be an ISO-8601 instant such as 2026-11-25T00:00:00Z");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
