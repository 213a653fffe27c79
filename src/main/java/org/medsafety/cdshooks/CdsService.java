package org.medsafety.cdshooks;

import org.medsafety.cdshooks.dto.ServiceDescriptor;

import java.util.Map;

/** One CDS service this application offers: its id, the hook it answers and the data it asks for. */
public record CdsService(String id, String hook, String title, String description, Map<String, String> prefetch) {

    public ServiceDescriptor descriptor() {
        return new ServiceDescriptor(hook, id, title, description, prefetch,
                "Send draftOrders as a FHIR R4 Bundle of MedicationRequests coded with RxNorm where possible.");
    }
}
