package org.medsafety.cdshooks;

import com.fasterxml.jackson.databind.JsonNode;
import org.medsafety.audit.FeedbackRecord;
import org.medsafety.config.MedsafetyConfig;
import org.medsafety.errors.ErrorCode;
import org.medsafety.errors.InvalidRequestException;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads a CDS Hooks feedback body ({@code {"feedback": [...]}}). Lenient where clients differ (the CDS Hooks
 * Sandbox sends override reasons without display), strict where the record would be meaningless or would not fit: every value is bounded before it is stored.
 */
public final class FeedbackReader {

    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    /** Feedback about cards: none can predate this service, and none can come from the future. */
    static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    static final Duration CLOCK_LEEWAY = Duration.ofDays(1);

    private final RequestLimits limits;
    private final MedsafetyConfig.Limits max;

    public FeedbackReader(RequestLimits limits) {
        this.limits = limits;
        this.max = limits.limits();
    }

    public List<FeedbackRecord> read(byte[] body, String serviceId) {
        JsonNode root = limits.parse(body, "feedback");
        JsonNode entries = root.path("feedback");
        if (!entries.isArray() || entries.isEmpty()) {
            throw new InvalidRequestException(ErrorCode.INVALID_REQUEST, "feedback must be a non-empty array");
        }
        limits.requireAtMost(entries, max.feedbackEntries(), "feedback", "entries", "feedback-entries");
        List<FeedbackRecord> result = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            result.add(entry(entries.get(i), "feedback[" + i + "]", serviceId));
        }
        return result;
    }

    private FeedbackRecord entry(JsonNode e, String path, String serviceId) {
        FeedbackRecord f = new FeedbackRecord();
        f.serviceId = serviceId;
        f.cardUuid = text(e, "card", path, true);
        if (!UUID.matcher(f.cardUuid).matches()) {
            throw new InvalidRequestException(ErrorCode.INVALID_REQUEST,
                    path + ".card must be the uuid of a card this service issued");
        }
        f.outcome = text(e, "outcome", path, true);
        if (!f.outcome.equals("accepted") && !f.outcome.equals("overridden")) {
            throw new InvalidRequestException(ErrorCode.INVALID_REQUEST,
                    path + ".outcome must be 'accepted' or 'overridden'");
        }
        String timestamp = text(e, "outcomeTimestamp", path, true);
        try {
            f.outcomeTimestamp = OffsetDateTime.parse(timestamp).toInstant();
        } catch (DateTimeParseException ex) {
            try {
                f.outcomeTimestamp = Instant.parse(timestamp);
            } catch (DateTimeParseException ex2) {
                throw new InvalidRequestException(ErrorCode.INVALID_REQUEST,
                        path + ".outcomeTimestamp must be an ISO-8601 date-time");
            }
        }
        if (f.outcomeTimestamp.isBefore(EARLIEST) || f.outcomeTimestamp.isAfter(Instant.now().plus(CLOCK_LEEWAY))) {
            throw new InvalidRequestException(ErrorCode.INVALID_REQUEST,
                    path + ".outcomeTimestamp must be a time between 2000 and now");
        }
        JsonNode reason = e.path("overrideReason");
        if (reason.isObject()) {
            JsonNode coding = reason.path("reason");
            f.overrideSystem = coding.path("system").asText(null);
            f.overrideCode = coding.path("code").asText(null);
            f.overrideDisplay = coding.path("display").asText(null);
            limits.requireFits(f.overrideSystem, 200, path + ".overrideReason.reason.system");
            limits.requireFits(f.overrideCode, 100, path + ".overrideReason.reason.code");
            limits.requireFits(f.overrideDisplay, 500, path + ".overrideReason.reason.display");
            f.userComment = limit(reason.path("userComment").asText(null), 2000);
        }
        JsonNode accepted = e.path("acceptedSuggestions");
        if (accepted.isArray() && !accepted.isEmpty()) {
            List<String> ids = new ArrayList<>();
            accepted.forEach(a -> ids.add(a.path("id").asText()));
            f.acceptedSuggestions = limit(String.join(",", ids), 1000);
        }
        return f;
    }

    private static String text(JsonNode node, String field, String path, boolean required) {
        JsonNode v = node.path(field);
        if (!v.isTextual() || v.asText().isBlank()) {
            if (required) {
                throw new InvalidRequestException(ErrorCode.INVALID_REQUEST,
                        path + "." + field + " is required and must be a string");
            }
            return null;
        }
        return v.asText();
    }

    private static String limit(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
