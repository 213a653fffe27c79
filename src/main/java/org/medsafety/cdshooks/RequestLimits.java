package org.medsafety.cdshooks;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.medsafety.config.MedsafetyConfig;
import org.medsafety.errors.ErrorCode;
import org.medsafety.errors.InvalidRequestException;
import org.medsafety.json.UntrustedJson;

import java.io.IOException;
import java.util.Iterator;
import java.util.Map;

/**
 * Bounds every CDS Hooks request before any work is done on it: JSON that is UTF-8, not nested deeper than the
 * limit, without duplicate keys, over-long strings or numbers that are not finite; no more draft orders or
 * prefetched resources than the limits allow; units a converter can read in bounded time. Each refusal is a 400
 * that names the limit and the setting that holds it.
 */
public final class RequestLimits {

    /** Larger magnitudes are no clinical quantity anywhere in a CDS Hooks request (an engineering bound). */
    static final double MAX_MAGNITUDE = 1e15;

    private static final String[] UNIT_FIELDS = {"unit", "code"};

    private final MedsafetyConfig.Limits limits;
    private final ObjectMapper mapper;

    public RequestLimits(MedsafetyConfig.Limits limits) {
        this.limits = limits;
        this.mapper = UntrustedJson.mapper(limits);
    }

    public MedsafetyConfig.Limits limits() {
        return limits;
    }

    /**
     * Parses a request body within the JSON limits, then checks every value in it.
     *
     * @param what "request" or "feedback", for messages
     */
    public JsonNode parse(byte[] body, String what) {
        if (body == null || body.length == 0) {
            throw new InvalidRequestException(ErrorCode.MALFORMED_BODY, "the " + what + " body is empty; send JSON");
        }
        requireUtf8(body, what);
        JsonNode root;
        try {
            root = mapper.readTree(body);
        } catch (StreamConstraintsException e) {
            throw refusal(constraint(e.getOriginalMessage()));
        } catch (JsonParseException e) {
            String message = e.getOriginalMessage();
            if (message != null && message.startsWith("Duplicate field")) {
                throw new InvalidRequestException(ErrorCode.MALFORMED_BODY,
                        "the " + what + " repeats a key within one JSON object ("
                        + shorten(message.substring("Duplicate field".length()).trim()) + "); keys must be unique");
            }
            throw notJson(e, what);
        } catch (JsonProcessingException e) {
            throw notJson(e, what);
        } catch (IOException e) {
            throw new InvalidRequestException(ErrorCode.MALFORMED_BODY, "the " + what + " body could not be read");
        }
        if (root == null || root.isMissingNode()) {
            throw new InvalidRequestException(ErrorCode.MALFORMED_BODY, "the " + what + " body is empty; send JSON");
        }
        checkValues(root);
        return root;
    }

    /** RFC 8259: JSON between systems is UTF-8. A UTF-16 or UTF-32 body starts with a BOM or holds NUL bytes. */
    private static void requireUtf8(byte[] body, String what) {
        int n = Math.min(4, body.length);
        boolean bom16or32 = body.length >= 2 && ((body[0] == (byte) 0xFE && body[1] == (byte) 0xFF)
                || (body[0] == (byte) 0xFF && body[1] == (byte) 0xFE));
        for (int i = 0; i < n && !bom16or32; i++) {
            if (body[i] == 0) {
                bom16or32 = true;
            }
        }
        if (bom16or32) {
            throw new InvalidRequestException(ErrorCode.MALFORMED_BODY,
                    "the " + what + " body must be UTF-8 (RFC 8259)");
        }
    }

    private static InvalidRequestException notJson(JsonProcessingException e, String what) {
        var loc = e.getLocation();
        return new InvalidRequestException(ErrorCode.MALFORMED_BODY, "the " + what + " body is not valid JSON"
                + (loc == null ? "" : " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")"));
    }

    private String constraint(String message) {
        String m = message == null ? "" : message;
        if (m.startsWith("Document nesting depth")) {
            return "the JSON is nested deeper than " + limits.jsonDepth() + " levels"
                    + setting(limits.jsonDepth(), "json-depth");
        }
        if (m.startsWith("String value length")) {
            return "a string is longer than " + limits.stringLength() + " characters"
                    + setting(limits.stringLength(), "string-length");
        }
        if (m.startsWith("Number value length")) {
            return "a number has more than " + UntrustedJson.MAX_NUMBER_LENGTH + " digits";
        }
        return "the JSON exceeds a parser limit";
    }

    /** Values the parser accepts but no clinical request holds: infinite numbers, broken Unicode, unreadable units. */
    private void checkValues(JsonNode root) {
        // The path is kept as arrays and only turned into text for a refusal: no allocation per node.
        new ValueCheck(limits.jsonDepth() + 2).check(root, 0);
    }

    private final class ValueCheck {
        private final String[] names;
        private final int[] indexes;

        ValueCheck(int depth) {
            names = new String[depth];
            indexes = new int[depth];
        }

        void check(JsonNode node, int depth) {
            if (node.isObject()) {
                checkQuantity(node, depth);
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = it.next();
                    names[depth] = field.getKey();
                    checkText(field.getKey(), depth);
                    check(field.getValue(), depth + 1);
                }
            } else if (node.isArray()) {
                names[depth] = null;
                for (int i = 0; i < node.size(); i++) {
                    indexes[depth] = i;
                    check(node.get(i), depth + 1);
                }
            } else if (node.isNumber()) {
                double v = node.asDouble();
                if (!Double.isFinite(v) || Math.abs(v) > MAX_MAGNITUDE) {
                    throw new InvalidRequestException(ErrorCode.REQUEST_OVER_LIMIT,
                            path(depth) + " is not a finite number of plausible "
                            + "size (at most 1e15 in magnitude)");
                }
            } else if (node.isTextual()) {
                checkText(node.textValue(), depth);
            }
        }

        /** A lone UTF-16 surrogate cannot be stored as UTF-8 unchanged, so the recorded request would differ. */
        private void checkText(String text, int depth) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (Character.isHighSurrogate(c) && i + 1 < text.length()
                        && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else if (Character.isSurrogate(c)) {
                    throw new InvalidRequestException(ErrorCode.MALFORMED_BODY,
                            path(depth) + " holds an unpaired UTF-16 surrogate "
                            + "(\\u" + Integer.toHexString(c) + "), which is not valid Unicode");
                }
            }
        }

        /** A FHIR Quantity (numeric value with unit or code): its unit must be one a converter reads quickly. */
        private void checkQuantity(JsonNode node, int depth) {
            if (!node.path("value").isNumber()) {
                return;
            }
            for (String field : UNIT_FIELDS) {
                JsonNode unit = node.get(field);
                if (unit == null || !unit.isTextual()) {
                    continue;
                }
                String u = unit.textValue();
                names[depth] = field;
                if (u.length() > limits.unitLength()) {
                    throw refusal(path(depth + 1) + " is longer than " + limits.unitLength() + " characters"
                            + setting(limits.unitLength(), "unit-length"));
                }
                if (parenthesisDepth(u) > limits.unitDepth()) {
                    throw refusal(path(depth + 1) + " nests parentheses deeper than " + limits.unitDepth()
                            + setting(limits.unitDepth(), "unit-depth"));
                }
            }
        }

        private String path(int depth) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < depth; i++) {
                if (names[i] == null) {
                    sb.append('[').append(indexes[i]).append(']');
                } else {
                    sb.append(sb.length() == 0 ? "" : ".").append(names[i]);
                }
            }
            return sb.length() == 0 ? "the body" : sb.toString();
        }
    }

    static int parenthesisDepth(String unit) {
        int depth = 0;
        int max = 0;
        for (int i = 0; i < unit.length(); i++) {
            char c = unit.charAt(i);
            if (c == '(') {
                max = Math.max(max, ++depth);
            } else if (c == ')') {
                depth = Math.max(0, depth - 1);
            }
        }
        return max;
    }

    /** At most {@code limit} items in {@code node} (an array or absent), or a 400 naming the setting. */
    void requireAtMost(JsonNode array, int limit, String path, String items, String setting) {
        if (array != null && array.isArray() && array.size() > limit) {
            throw refusal(path + " holds " + array.size() + " " + items + "; at most " + limit + " are accepted"
                    + setting(limit, setting));
        }
    }

    /** A string no longer than {@code limit}, or a 400 naming the setting. */
    void requireLength(String value, int limit, String path, String setting) {
        if (value != null && value.length() > limit) {
            throw refusal(path + " is longer than " + limit + " characters" + setting(limit, setting));
        }
    }

    /** A string that fits the audit column it is stored in (a fixed width, not a setting). */
    void requireFits(String value, int width, String path) {
        if (value != null && value.length() > width) {
            throw refusal(path + " is longer than " + width + " characters, the most the audit record keeps");
        }
    }

    private static String setting(int limit, String name) {
        return " (limit " + limit + ", setting medsafety.limits." + name + ")";
    }

    private static InvalidRequestException refusal(String message) {
        return new InvalidRequestException(ErrorCode.REQUEST_OVER_LIMIT, message);
    }

    private static String shorten(String s) {
        return s.length() <= 64 ? s : s.substring(0, 63) + "…";
    }
}
