package org.medsafety.security;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The public base URL every token's aud is compared with. */
class CdsClientTrustTest {

    @Test
    void theBaseUrlLosesItsTrailingSlashes() {
        assertThat(CdsClientTrust.publicBase("https://cds.hospital.org/")).isEqualTo("https://cds.hospital.org");
        assertThat(CdsClientTrust.publicBase("https://cds.hospital.org/medsafety"))
                .isEqualTo("https://cds.hospital.org/medsafety");
    }

    @Test
    void aMissingOrOddBaseUrlStopsTheStart() {
        assertThatThrownBy(() -> CdsClientTrust.publicBase(null)).hasMessageContaining("MEDSAFETY_PUBLIC_BASE_URL is required");
        assertThatThrownBy(() -> CdsClientTrust.publicBase("cds.hospital.org")).hasMessageContaining("absolute http(s) URL");
        assertThatThrownBy(() -> CdsClientTrust.publicBase("https://cds.hospital.org/?x=1"))
                .hasMessageContaining("without query");
    }
}
