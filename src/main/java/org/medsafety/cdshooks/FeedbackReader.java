package org.medsafety.cdshooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.medsafety.audit.FeedbackRecord;

import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a CDS Hooks feedback body ({@code {"feedback": [...]}}). Lenient where clients differ (the CDS Hooks
 * Sandbox sends override reasons without display), strict where the record would be meaningless.
 */
public final class FeedbackReader {

    private final ObjectMapper json;

    public FeedbackReader(ObjectMapper json) {
        this.json = json;
    }

    public List<FeedbackRecord> read(byte[] body, String serviceId) {
        JsonNode root;
        try {
            if (body == null || body.length == 0) {
                throw InvalidRequestException.badRequest("the request body is empty; feedback is JSON");
            }
            root = json.readTree(body);
        } catch (JsonProcessingException e) {
            throw InvalidRequestException.badRequest("the request body is not valid JSON");
        } catch (IOException e) {
            throw InvalidRequestException.badRequest("the request body could not be read");
        }
        JsonNode entries = root.path("feedback");
        if (!entries.isArray() || entries.isEmpty()) {
            throw InvalidRequestException.badRequest("feedback must be a non-empty array");
        }
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
        f.outcome = text(e, "outcome", path, true);
        if (!f.outcome.equals("accepted") && !f.outcome.equals("overridden")) {
            throw InvalidRequestException.badRequest(path + ".outcome must be 'accepted' or 'overridden'");
        }
        String timestamp = text(e, "outcomeTimestamp", path, true);
        try {
            f.outcomeTimestamp = OffsetDateTime.parse(timestamp).toInstant();
        } catch (DateTimeParseException ex) {
            try {
                f.outcomeTimestamp = Instant.parse(timestamp);
            } catch (DateTimeParseException ex2) {
                throw InvalidRequestException.badRequest(path + ".outcomeTimestamp must be an ISO-8601 date-time");
            }
        }
        JsonNode reason = e.path("overrideReason");
        if (reason.isObject()) {
            JsonNode coding = reason.path("reason");
            f.overrideSystem = coding.path("system").asText(null);
            f.overrideCode = coding.path("code").asText(null);
            f.overrideDisplay = coding.path("display").asText(null);
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
                throw InvalidRequestException.badRequest(path + "." + field + " is required and must be a string");
            }
            return null;
        }
        return v.asText();
    }

    private static String limit(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
