package org.medsafety.security;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Roles come from the one configured claim, in the shapes identity providers actually issue. */
class RolesClaimTest {

    private static final Map<String, Object> KEYCLOAK = Map.of(
            "sub", "f3a1", "preferred_username", "a.pharmacist",
            "groups", List.of("records-officer"),
            "realm_access", Map.of("roles", List.of("pharmacist", "offline_access")),
            "resource_access", Map.of("medsafety.cds", Map.of("roles", List.of("auditor"))));

    @Test
    void aTopLevelArrayOfStrings() {
        assertThat(new RolesClaim("roles").read(Map.of("roles", List.of("auditor", "pharmacist"))))
                .containsExactlyInAnyOrder("auditor", "pharmacist");
    }

    @Test
    void aStringSeparatedBySpacesOrCommas() {
        assertThat(new RolesClaim("roles").read(Map.of("roles", "auditor pharmacist,records-officer ,  ")))
                .containsExactlyInAnyOrder("auditor", "pharmacist", "records-officer");
    }

    @Test
    void keycloakRealmRolesWithDotsOrSlashes() {
        assertThat(new RolesClaim("realm_access.roles").read(KEYCLOAK)).containsExactlyInAnyOrder("pharmacist", "offline_access");
        assertThat(new RolesClaim("realm_access/roles").read(KEYCLOAK)).containsExactlyInAnyOrder("pharmacist", "offline_access");
    }

    @Test
    void aSlashPathKeepsDotsInsideASegment() {
        assertThat(new RolesClaim("resource_access/medsafety.cds/roles").read(KEYCLOAK)).containsExactly("auditor");
    }

    @Test
    void aNamespacedClaimIsReadByItsWholeName() {
        Map<String, Object> auth0 = Map.of("https://hospital.example.org/roles", List.of("auditor"));
        assertThat(new RolesClaim("https://hospital.example.org/roles").read(auth0)).containsExactly("auditor");
    }

    @Test
    void nothingElseGrantsARole() {
        // groups carries records-officer, but the configured claim is realm_access.roles
        assertThat(new RolesClaim("realm_access.roles").read(KEYCLOAK)).doesNotContain("records-officer", "auditor");
        assertThat(new RolesClaim("roles").read(KEYCLOAK)).isEmpty();
    }

    @Test
    void absentOrMalformedClaimsGiveNoRoles() {
        assertThat(new RolesClaim("realm_access.roles").read(Map.of("realm_access", "pharmacist"))).isEmpty();
        assertThat(new RolesClaim("realm_access.roles").read(Map.of("realm_access", Map.of("roles", 42)))).isEmpty();
        assertThat(new RolesClaim("roles").read(Map.of("roles", List.of(1, Map.of("x", "y"), " ", "auditor"))))
                .containsExactly("auditor");
        assertThat(new RolesClaim("roles").read(Map.of("roles", Map.of("pharmacist", true)))).isEmpty();
        assertThat(new RolesClaim("").read(KEYCLOAK)).isEmpty();
        assertThat(new RolesClaim("realm_access..roles").read(KEYCLOAK)).isEmpty();
        assertThat(new RolesClaim("roles").read(null)).isEmpty();
    }
}
