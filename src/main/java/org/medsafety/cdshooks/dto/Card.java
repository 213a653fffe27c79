package org.medsafety.cdshooks.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;
import java.util.Map;

/**
 * CDS Hooks 2.0 Card. Optional fields without a value are omitted (the spec forbids null and empty values).
 * {@code extension} carries what the spec has no field for: the rule, severity and draft order behind the card.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"uuid", "summary", "detail", "indicator", "source", "suggestions", "selectionBehavior",
        "overrideReasons", "links", "extension"})
public record Card(String uuid, String summary, String detail, String indicator, CardSource source,
                   List<Suggestion> suggestions, String selectionBehavior, List<Coding> overrideReasons,
                   List<Link> links, Map<String, Object> extension) {
}
