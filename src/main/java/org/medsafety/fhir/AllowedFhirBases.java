package org.medsafety.fhir;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The FHIR servers this service may read from ({@code medsafety.fhir.allowed-bases}). A request's
 * {@code fhirServer} is admitted when, normalised, it equals one of them or lies under one on a segment boundary;
 * anything else is never contacted. Empty means nothing is ever fetched.
 */
public final class AllowedFhirBases {

    static final String SETTING = "medsafety.fhir.allowed-bases";

    private final List<FhirBase> bases;

    private AllowedFhirBases(List<FhirBase> bases) {
        this.bases = List.copyOf(bases);
    }

    /**
     * Reads the configured list, refusing any entry that is not an absolute http(s) URL without user info, query
     * or fragment (or whose path is ambiguous), so a typo stops the start instead of silently allowing nothing.
     */
    public static AllowedFhirBases of(List<String> configured) {
        List<FhirBase> bases = new ArrayList<>();
        for (String entry : configured) {
            String value = entry.strip();
            if (value.isEmpty()) {
                continue;
            }
            bases.add(FhirBase.parse(value).orElseThrow(() -> new IllegalArgumentException(SETTING + ": '" + value
                    + "' is not an absolute http(s) URL without user info, query or fragment (and without '..', "
                    + "'.', '//', ';' or percent-encoded dots and slashes in its path)")));
        }
        return new AllowedFhirBases(bases);
    }

    /** The request's {@code fhirServer}, normalised, if it is allowed; empty if it is null or not allowed. */
    public Optional<FhirBase> admit(String fhirServer) {
        if (fhirServer == null) {
            return Optional.empty();
        }
        return FhirBase.parse(fhirServer).filter(candidate -> bases.stream().anyMatch(b -> b.contains(candidate)));
    }

    public boolean isEmpty() {
        return bases.isEmpty();
    }

    public List<FhirBase> bases() {
        return bases;
    }
}
