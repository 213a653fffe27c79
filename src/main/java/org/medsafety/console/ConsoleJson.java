package org.medsafety.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.List;

/** Parts of the audit API's records the console reads as Jackson trees (feedback by card, drugs without knowledge). */
final class ConsoleJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ConsoleJson() {
    }

    static JsonNode tree(Object value) {
        return value instanceof JsonNode node ? node : JSON.valueToTree(value);
    }

    static List<String> list(Object value) {
        List<String> out = new ArrayList<>();
        tree(value).forEach(n -> out.add(n.isTextual() ? n.asText() : n.toString()));
        return out;
    }
}
