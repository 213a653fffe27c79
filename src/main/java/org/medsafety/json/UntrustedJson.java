package org.medsafety.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.medsafety.config.MedsafetyConfig;

/**
 * The parser for JSON that comes from outside (CDS Hooks requests, FHIR servers): nesting, string and number
 * lengths bounded by the request limits, and a key sent twice refused rather than read one way or the other.
 */
public final class UntrustedJson {

    /** Longer numbers are no measurement; Jackson's own default is 1,000 digits. */
    public static final int MAX_NUMBER_LENGTH = 100;

    private UntrustedJson() {
    }

    public static ObjectMapper mapper(MedsafetyConfig.Limits limits) {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(limits.jsonDepth())
                        .maxStringLength(limits.stringLength())
                        .maxNumberLength(MAX_NUMBER_LENGTH)
                        .build())
                // Different parsers keep the first or the last of two equal keys: refuse them, so that what a
                // gateway logged and what we recorded cannot differ.
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        return new ObjectMapper(factory);
    }
}
