package org.medsafety.cdshooks;

import org.junit.jupiter.api.Test;
import org.medsafety.errors.InvalidRequestException;
import org.medsafety.testing.TestConfig;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every limit on a request body is checked before any work, and each refusal names the limit. */
class RequestLimitsTest {

    private final RequestLimits limits = new RequestLimits(TestConfig.defaults().limits());

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private void refused(String json, String message) {
        refused(utf8(json), message);
    }

    private void refused(byte[] body, String message) {
        assertThatThrownBy(() -> limits.parse(body, "request")).isInstanceOfSatisfying(InvalidRequestException.class,
                e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.getMessage()).contains(message);
                });
    }

    @Test
    void ordinaryJsonIsRead() {
        assertThat(limits.parse(utf8("{\"a\": [1, 2.5, \"x\", {\"value\": 5, \"unit\": \"mg/kg/d\"}]}"), "request")
                .path("a").size()).isEqualTo(4);
    }

    @Test
    void nestingBeyondTheLimitIsRefusedNamingTheSetting() {
        refused("[".repeat(65) + "]".repeat(65), "nested deeper than 64 levels (limit 64, setting medsafety.limits.json-depth)");
        assertThat(limits.parse(utf8("[".repeat(64) + "]".repeat(64)), "request")).isNotNull();
    }

    @Test
    void aHugeStringIsRefused() {
        refused("{\"a\": \"" + "x".repeat(100_001) + "\"}", "a string is longer than 100000 characters");
    }

    @Test
    void aDuplicateKeyIsRefusedRatherThanReadOneWayOrTheOther() {
        refused("{\"context\": {\"patientId\": \"A\", \"patientId\": \"B\"}}", "repeats a key");
    }

    @Test
    void nonFiniteAndAbsurdNumbersAreRefused() {
        refused("{\"valueQuantity\": {\"value\": 1e400, \"unit\": \"kg\"}}", "valueQuantity.value is not a finite number");
        refused("{\"a\": [0, -1e300]}", "a[1] is not a finite number");
        refused("{\"a\": " + "1".repeat(101) + "}", "more than 100 digits");
    }

    @Test
    void unitsMustBeShortAndShallow() {
        String nested = "(".repeat(5000) + "mg" + ")".repeat(5000);
        refused("{\"dose\": {\"value\": 1, \"code\": \"" + nested + "\"}}", "dose.code is longer than 40 characters");
        refused("{\"dose\": {\"value\": 1, \"code\": \"(((mg)))\"}}", "dose.code nests parentheses deeper than 2");
        refused("{\"dose\": {\"value\": 1, \"unit\": \"" + "mg.".repeat(20) + "mg\"}}", "dose.unit is longer than 40");
        assertThat(limits.parse(utf8("{\"d\": {\"value\": 1, \"code\": \"mL/min/{1.73_m2}\"}}"), "request")).isNotNull();
        // A coding's code is not a unit: long codes are fine there.
        assertThat(limits.parse(utf8("{\"c\": {\"code\": \"" + "1".repeat(60) + "\"}}"), "request")).isNotNull();
    }

    @Test
    void onlyUtf8IsRead() {
        refused("{\"a\": 1}".getBytes(StandardCharsets.UTF_16BE), "must be UTF-8");
        refused("{\"a\": 1}".getBytes(StandardCharsets.UTF_16LE), "must be UTF-8");
        refused(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'}, "not valid JSON");
    }

    @Test
    void aLoneSurrogateIsRefused() {
        refused("{\"label\": \"abc\\ud800def\"}", "label holds an unpaired UTF-16 surrogate");
        assertThat(limits.parse(utf8("{\"label\": \"\\ud83d\\udc8a pill\"}"), "request").path("label").asText())
                .startsWith("\uD83D\uDC8A");
    }

    @Test
    void limitsFollowTheirSettings() {
        RequestLimits strict = new RequestLimits(TestConfig.with(Map.of("medsafety.limits.json-depth", "3")).limits());
        assertThatThrownBy(() -> strict.parse(utf8("[[[[1]]]]"), "request"))
                .hasMessageContaining("deeper than 3 levels");
    }
}
