package org.medsafety.fhir;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which fhirServer values are admitted: exactly the configured bases and what lies under them, nothing that merely looks alike. */
class AllowedFhirBasesTest {

    static final AllowedFhirBases ALLOWED = AllowedFhirBases.of(List.of(
            "https://ehr.example.org/fhir",
            "http://127.0.0.1:8080/r4/",
            "https://[2001:db8::1]/fhir",
            "https://whole-host.example.org"));

    @ParameterizedTest
    @ValueSource(strings = {
            "https://ehr.example.org/fhir",
            "https://ehr.example.org/fhir/",
            "HTTPS://EHR.Example.ORG/fhir",
            "https://ehr.example.org:443/fhir",
            "https://ehr.example.org/fhir/tenant-a",
            "https://ehr.example.org/fhir/tenant-a/",
            "http://127.0.0.1:8080/r4",
            "https://[2001:db8::1]/fhir",
            "https://[2001:DB8:0:0:0:0:0:1]/fhir/r4",
            "https://[2001:db8::1]:443/fhir",
            "https://whole-host.example.org/",
            "https://whole-host.example.org/any/path"})
    void admitted(String fhirServer) {
        assertThat(ALLOWED.admit(fhirServer)).as(fhirServer).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            // user info: the host reached is the part after '@'
            "https://ehr.example.org@evil.example.com/fhir",
            "https://ehr.example.org:443@evil.example.com/fhir",
            "https://user@ehr.example.org/fhir",
            "https://user:secret@ehr.example.org/fhir",
            // look-alike hosts
            "https://ehr.example.org.evil.example.com/fhir",
            "https://evil.example.com/ehr.example.org/fhir",
            "https://ehr.example.org./fhir",
            "https://ehr.example.org%2eevil.com/fhir",
            "https://ehr-example.org/fhir",
            // another port or scheme
            "https://ehr.example.org:8443/fhir",
            "http://ehr.example.org/fhir",
            "http://ehr.example.org:443/fhir",
            "https://127.0.0.1:8080/r4",
            "http://127.0.0.1/r4",
            "http://localhost:8080/r4",
            "http://2130706433:8080/r4",
            "http://0x7f.0.0.1:8080/r4",
            // paths that are not under the base, or might not be once a server reads them
            "https://ehr.example.org/fhir2",
            "https://ehr.example.org/fhir-admin",
            "https://ehr.example.org/FHIR",
            "https://ehr.example.org/",
            "https://ehr.example.org",
            "https://ehr.example.org/fhir/..",
            "https://ehr.example.org/fhir/../admin",
            "https://ehr.example.org/fhir/./tenant",
            "https://ehr.example.org/fhir/%2e%2e/admin",
            "https://ehr.example.org/fhir/%2E%2E/admin",
            "https://ehr.example.org/fhir/.%2e/admin",
            "https://ehr.example.org/fhir/%2fadmin",
            "https://ehr.example.org/fhir/%5cadmin",
            "https://ehr.example.org/fhir/%252e%252e/admin",
            "https://ehr.example.org/fhir/..;/admin",
            "https://ehr.example.org/fhir;jsessionid=1",
            "https://ehr.example.org/fhir//admin",
            "https://ehr.example.org/fhir\\..\\admin",
            // query or fragment (which would swallow the appended path)
            "https://ehr.example.org/fhir?",
            "https://ehr.example.org/fhir?x=",
            "https://ehr.example.org/fhir#x",
            // IPv6: another address, loopback, zone ids, IPv4-mapped
            "https://[2001:db8::2]/fhir",
            "https://[::1]/fhir",
            "https://[2001:db8::1%25eth0]/fhir",
            "http://[::ffff:127.0.0.1]:8080/r4",
            // not an http(s) URL at all
            "ftp://ehr.example.org/fhir",
            "//ehr.example.org/fhir",
            "ehr.example.org/fhir",
            "/fhir",
            "https:ehr.example.org/fhir",
            "https:///fhir",
            "not a url",
            ""})
    void refused(String fhirServer) {
        assertThat(ALLOWED.admit(fhirServer)).as(fhirServer).isEmpty();
    }

    @Test
    void noFhirServerIsNotAdmitted() {
        assertThat(ALLOWED.admit(null)).isEmpty();
    }

    @Test
    void anEmptyListAdmitsNothing() {
        AllowedFhirBases none = AllowedFhirBases.of(List.of());
        assertThat(none.isEmpty()).isTrue();
        assertThat(none.admit("https://ehr.example.org/fhir")).isEmpty();
        assertThat(AllowedFhirBases.of(List.of(" ", "")).isEmpty()).isTrue();
    }

    @Test
    void theAdmittedFormIsNormalised() {
        assertThat(ALLOWED.admit("HTTPS://EHR.Example.ORG:443/fhir/Tenant/").orElseThrow())
                .hasToString("https://ehr.example.org/fhir/Tenant");
        assertThat(ALLOWED.admit("http://127.0.0.1:8080/r4").orElseThrow()).hasToString("http://127.0.0.1:8080/r4");
        assertThat(ALLOWED.admit("https://[2001:db8::1]/fhir").orElseThrow())
                .hasToString("https://[2001:db8:0:0:0:0:0:1]/fhir");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "ehr.example.org/fhir",
            "ftp://ehr.example.org/fhir",
            "https://user:password@ehr.example.org/fhir",
            "https://ehr.example.org/fhir?tenant=a",
            "https://ehr.example.org/fhir#x",
            "https://ehr.example.org/fhir/../admin",
            "/fhir"})
    void aMalformedConfiguredBaseStopsTheStartNamingTheSettingAndTheValue(String configured) {
        assertThatThrownBy(() -> AllowedFhirBases.of(List.of("https://ok.example.org/fhir", configured)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("medsafety.fhir.allowed-bases")
                .hasMessageContaining("'" + configured + "'")
                .hasMessageContaining("absolute http(s) URL");
    }
}
