package org.medsafety.cdshooks;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The services listed by discovery. Prefetch templates use only spec tokens and the recommended query subset
 * (instance read, type search with token and _sort/_count).
 */
@ApplicationScoped
public class CdsServiceCatalog {

    public static final String SELECT_ID = "medication-safety-select";
    public static final String SIGN_ID = "medication-safety-sign";

    /** What the checks read; each key absent from a request is fetched from fhirServer, or the call gets 412. */
    static final Map<String, String> PREFETCH = prefetch();

    /**
     * Keys screening can do without: absent, they are read from an allowed fhirServer if there is one and skipped
     * otherwise, and a failed read is skipped too (the cards that need them say the value is unknown). A new key is
     * optional so that EHRs that do not send it yet keep working.
     */
    static final java.util.Set<String> OPTIONAL = java.util.Set.of("gestationalAge");

    private static Map<String, String> prefetch() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("patient", "Patient/{{context.patientId}}");
        p.put("medications", "MedicationRequest?patient={{context.patientId}}&status=active");
        p.put("allergies", "AllergyIntolerance?patient={{context.patientId}}");
        p.put("conditions", "Condition?patient={{context.patientId}}&clinical-status=active");
        p.put("weight", "Observation?patient={{context.patientId}}&code=http://loinc.org|29463-7&_sort=-date&_count=1");
        p.put("height", "Observation?patient={{context.patientId}}&code=http://loinc.org|8302-2&_sort=-date&_count=1");
        p.put("creatinine", "Observation?patient={{context.patientId}}"
                + "&code=http://loinc.org|2160-0,http://loinc.org|38483-4&_sort=-date&_count=1");
        p.put("egfr", "Observation?patient={{context.patientId}}"
                + "&code=http://loinc.org|33914-3,http://loinc.org|62238-1,http://loinc.org|98979-8&_sort=-date&_count=1");
        p.put("gestationalAge", "Observation?patient={{context.patientId}}&code=http://loinc.org|49051-6,"
                + "http://loinc.org|11884-4,http://loinc.org|11885-1,http://loinc.org|18185-9&_sort=-date&_count=1");
        return java.util.Collections.unmodifiableMap(p);
    }

    private final List<CdsService> services = List.of(
            new CdsService(SELECT_ID, "order-select", "Medication safety check (order select)",
                    "Screens the medication orders just selected against the patient's current medications, "
                            + "allergies, age, weight and renal function: drug-drug interactions, drug-allergy and "
                            + "dose limits. Drugs it cannot identify are reported as not screened.", PREFETCH),
            new CdsService(SIGN_ID, "order-sign", "Medication safety check (order sign)",
                    "Screens every medication order about to be signed against the patient's current medications, "
                            + "allergies, age, weight and renal function: drug-drug interactions, drug-allergy and "
                            + "dose limits. Drugs it cannot identify are reported as not screened.", PREFETCH));

    public List<CdsService> all() {
        return services;
    }

    public Optional<CdsService> byId(String id) {
        return services.stream().filter(s -> s.id().equals(id)).findFirst();
    }
}
