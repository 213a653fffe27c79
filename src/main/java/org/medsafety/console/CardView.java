package org.medsafety.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.qute.TemplateData;

import java.util.ArrayList;
import java.util.List;

/**
 * A CDS Hooks card as an EHR shows it: indicator, summary, detail, the source it names (with its link), the
 * suggestions and the override reasons offered, and any feedback the clinician gave. Built from the card JSON as it
 * was sent, so the auditor sees exactly what the clinician saw.
 */
@TemplateData
public record CardView(String uuid, String indicator, String summary, String detail, String sourceLabel,
                       String sourceUrl, List<String> suggestions, List<String> overrideReasons, List<Link> links,
                       String rule, List<Feedback> feedback) {

    @TemplateData
    public record Link(String label, String url) {
    }

    @TemplateData
    public record Feedback(String outcome, String time, String reason, String comment) {
    }

    static List<CardView> of(JsonNode cards, JsonNode feedback) {
        List<CardView> views = new ArrayList<>();
        for (JsonNode c : cards) {
            String uuid = text(c, "uuid");
            List<Feedback> given = new ArrayList<>();
            JsonNode entries = feedback == null || uuid == null ? null : feedback.get(uuid);
            if (entries != null) {
                for (JsonNode f : entries) {
                    JsonNode reason = f.get("overrideReason");
                    given.add(new Feedback(text(f, "outcome"), text(f, "outcomeTimestamp"),
                            reason == null || reason.isNull() ? null : firstText(reason, "display", "code"),
                            text(f, "userComment")));
                }
            }
            List<String> suggestions = new ArrayList<>();
            c.path("suggestions").forEach(s -> suggestions.add(text(s, "label")));
            List<String> reasons = new ArrayList<>();
            c.path("overrideReasons").forEach(r -> reasons.add(firstText(r, "display", "code")));
            List<Link> links = new ArrayList<>();
            c.path("links").forEach(l -> links.add(new Link(text(l, "label"), safeUrl(text(l, "url")))));
            JsonNode source = c.path("source");
            views.add(new CardView(uuid, text(c, "indicator"), text(c, "summary"), text(c, "detail"),
                    text(source, "label"), safeUrl(text(source, "url")), suggestions, reasons, links,
                    text(c.path("extension").path("org.medsafety.finding"), "ruleId"), given));
        }
        return views;
    }

    /** The detail rendered from its Markdown, safe to insert as HTML (see {@link CardMarkdown}). */
    public String detailHtml() {
        return CardMarkdown.html(detail);
    }

    /** Only http(s) links become clickable: a card's URL is data, and javascript: must never reach an href. */
    static String safeUrl(String url) {
        return url != null && (url.startsWith("https://") || url.startsWith("http://")) ? url : null;
    }

    private static String firstText(JsonNode node, String... fields) {
        for (String f : fields) {
            String t = text(node, f);
            if (t != null) {
                return t;
            }
        }
        return null;
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
