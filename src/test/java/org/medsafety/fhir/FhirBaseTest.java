package org.medsafety.fhir;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

/** Request URIs are built from the compared form, and next links are followed only under the request's fhirServer. */
class FhirBaseTest {

    static final FhirBase SERVER = FhirBase.parse("https://ehr.example.org/fhir/tenant-a/").orElseThrow();

    @Test
    void aQueryIsResolvedUnderTheBaseWithTokenBarsEncoded() {
        assertThat(SERVER.resolve("Observation?patient=p1&code=http://loinc.org|2160-0"))
                .contains(URI.create("https://ehr.example.org/fhir/tenant-a/Observation?patient=p1&code=http://loinc.org%7C2160-0"));
        assertThat(FhirBase.parse("http://127.0.0.1:8080").orElseThrow().resolve("Patient/p1"))
                .contains(URI.create("http://127.0.0.1:8080/Patient/p1"));
    }

    @Test
    void aReadThatWouldLeaveTheBaseIsNotBuilt() {
        // "." and ".." match the FHIR id pattern; as a path segment a server would resolve them upwards.
        assertThat(SERVER.resolve("Patient/..")).isEmpty();
        assertThat(SERVER.resolve("Patient/.")).isEmpty();
        assertThat(SERVER.resolve("Patient/a b")).isEmpty();
        assertThat(SERVER.resolve("Patient/p1.v2")).isPresent();
    }

    @Test
    void aNextLinkUnderTheServerIsFollowedAsWrittenOnTheNormalisedOrigin() {
        assertThat(SERVER.link("https://ehr.example.org/fhir/tenant-a/MedicationRequest?patient=p1&_page=2"))
                .contains(URI.create("https://ehr.example.org/fhir/tenant-a/MedicationRequest?patient=p1&_page=2"));
        assertThat(SERVER.link("HTTPS://EHR.example.org:443/fhir/tenant-a?_getpages=abc&_getpagesoffset=20"))
                .contains(URI.create("https://ehr.example.org/fhir/tenant-a?_getpages=abc&_getpagesoffset=20"));
        assertThat(SERVER.link("https://ehr.example.org/fhir/tenant-a/?_getpages=abc"))
                .contains(URI.create("https://ehr.example.org/fhir/tenant-a/?_getpages=abc"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "https://ehr.example.org/fhir/tenant-b/MedicationRequest?page=2",
            "https://ehr.example.org/fhir/MedicationRequest?page=2",
            "https://ehr.example.org/fhir/tenant-a2/MedicationRequest?page=2",
            "https://ehr.example.org/fhir/tenant-a/../admin",
            "https://ehr.example.org/fhir/tenant-a/%2e%2e/admin",
            "https://ehr.example.org/fhir/tenant-a/..;/admin",
            "https://ehr.example.org/fhir/tenant-a/%2Fadmin",
            "https://evil.example.com/fhir/tenant-a/MedicationRequest",
            "https://ehr.example.org.evil.example.com/fhir/tenant-a/MedicationRequest",
            "https://ehr.example.org@evil.example.com/fhir/tenant-a/MedicationRequest",
            "https://user@ehr.example.org/fhir/tenant-a/MedicationRequest",
            "http://ehr.example.org/fhir/tenant-a/MedicationRequest",
            "https://ehr.example.org:8443/fhir/tenant-a/MedicationRequest",
            "/fhir/tenant-a/MedicationRequest?page=2",
            "MedicationRequest?page=2",
            "javascript:alert(1)",
            ""})
    void aNextLinkOffTheServerIsRefused(String link) {
        assertThat(SERVER.link(link)).as(link).isEmpty();
    }

    @Test
    void containmentIsBySegmentNotByCharacters() {
        FhirBase fhir = FhirBase.parse("https://ehr.example.org/fhir").orElseThrow();
        assertThat(fhir.contains(FhirBase.parse("https://ehr.example.org/fhir/a").orElseThrow())).isTrue();
        assertThat(fhir.contains(fhir)).isTrue();
        assertThat(fhir.contains(FhirBase.parse("https://ehr.example.org/fhir2").orElseThrow())).isFalse();
        assertThat(fhir.contains(FhirBase.parse("https://ehr.example.org").orElseThrow())).isFalse();
    }
}
