package org.medsafety.security;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.medsafety.admin.RulesetLifecycleTestAccess;
import org.medsafety.testing.StaffTokens;
import org.medsafety.testing.StubIdentityProvider;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * Staff sign in with OIDC bearer tokens from the hospital's identity provider (a stub on 127.0.0.1 here). The IdP is
 * Keycloak-shaped: roles under realm_access.roles, which is the configured roles claim; tokens also carry
 * {@code groups} and {@code roles} claims that must grant nothing. All OIDC HTTP cases share this one profile.
 */
@QuarkusTest
@TestProfile(StaffSignInTest.WithIdentityProvider.class)
class StaffSignInTest {

    static final String AUDIENCE = "medsafety-cds";

    public static class WithIdentityProvider implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.oidc.client-id", AUDIENCE,
                    "quarkus.oidc.token.audience", AUDIENCE,
                    "medsafety.staff.roles-claim", "realm_access.roles");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(StubIdentityProvider.class));
        }
    }

    @ConfigProperty(name = StubIdentityProvider.SIGNING_KEY)
    String signingKey;

    @ConfigProperty(name = StubIdentityProvider.ISSUER)
    String issuer;

    private StaffTokens tokens;

    @BeforeEach
    void tokens() {
        tokens = new StaffTokens(signingKey, issuer);
    }

    private String token(String user, String... roles) {
        return tokens.sign(tokens.claims(user, AUDIENCE, List.of(roles)));
    }

    private static RequestSpecification bearer(String token) {
        return given().auth().oauth2(token).header("X-Requested-By", "staff sign-in test");
    }

    @Test
    void aPharmacistTokenValidatesAndPublishesUnderTheStaffMembersName() {
        String pharmacist = token("p.jones", "pharmacist");
        bearer(pharmacist).when().post("/admin/rulesets/validate").then().statusCode(200)
                .body("status", equalTo("valid"));
        bearer(pharmacist).queryParam("reason", "staff sign-in test").when().post("/admin/rulesets/reload")
                .then().statusCode(200).body("status", equalTo("active"));
        bearer(token("a.smith", "auditor")).when().get("/admin/actions").then().statusCode(200)
                .body("find { it.action == 'reload' }.actor", equalTo("p.jones"));
    }

    @Test
    void aPharmacistTokenCannotPurgeButARecordsOfficerTokenCan() {
        bearer(token("p.jones", "pharmacist")).queryParam("reason", "x").when().post("/admin/audit/purge")
                .then().statusCode(403);
        bearer(token("r.officer", "records-officer")).queryParam("reason", "yearly review")
                .when().post("/admin/audit/purge").then().statusCode(200).body("purged", equalTo(0));
    }

    @Test
    void anAuditorTokenReadsTheTrailAndCannotPublish() {
        String auditor = token("a.smith", "auditor");
        bearer(auditor).when().get("/audit/evaluations").then().statusCode(200);
        bearer(auditor).when().post("/admin/rulesets/reload").then().statusCode(403);
        bearer(auditor).contentType("application/zip").body(new byte[] {1, 2, 3}).when().post("/admin/rulesets")
                .then().statusCode(403);
    }

    @Test
    void rolesComeOnlyFromTheConfiguredClaim() {
        JwtClaims claims = tokens.claims("a.smith", AUDIENCE, List.of("auditor"));
        claims.setStringListClaim("groups", "pharmacist", "records-officer");
        claims.setStringListClaim("roles", "pharmacist");
        claims.setClaim("resource_access", Map.of(AUDIENCE, Map.of("roles", List.of("pharmacist"))));
        String token = tokens.sign(claims);
        bearer(token).when().get("/audit/evaluations").then().statusCode(200);
        bearer(token).when().get("/admin/rulesets").then().statusCode(403);
        bearer(token).queryParam("reason", "x").when().post("/admin/audit/purge").then().statusCode(403);
        // A token whose configured claim is missing holds no role at all.
        JwtClaims none = tokens.claims("n.body", AUDIENCE, List.of());
        none.unsetClaim("realm_access");
        none.setStringListClaim("groups", "auditor");
        bearer(tokens.sign(none)).when().get("/audit/integrity").then().statusCode(403);
    }

    @Test
    void aTokenWithTheRightRolesFromElsewhereOrTooOldIsRefused() {
        JwtClaims otherIssuer = tokens.claims("p.jones", AUDIENCE, List.of("pharmacist", "auditor"));
        otherIssuer.setIssuer(issuer.replace("/realms/medsafety", "/realms/other"));
        bearer(tokens.sign(otherIssuer)).when().get("/admin/rulesets").then().statusCode(401);

        JwtClaims expired = tokens.claims("p.jones", AUDIENCE, List.of("pharmacist"));
        expired.setIssuedAt(NumericDate.fromSeconds(NumericDate.now().getValue() - 3600));
        expired.setExpirationTime(NumericDate.fromSeconds(NumericDate.now().getValue() - 600));
        bearer(tokens.sign(expired)).when().get("/admin/rulesets").then().statusCode(401);

        JwtClaims otherAudience = tokens.claims("p.jones", "wiki", List.of("pharmacist"));
        bearer(tokens.sign(otherAudience)).when().get("/admin/rulesets").then().statusCode(401);

        JwtClaims valid = tokens.claims("p.jones", AUDIENCE, List.of("pharmacist"));
        bearer(StaffTokens.signWithUnknownKey(valid)).when().get("/admin/rulesets").then().statusCode(401);
        bearer(tokens.sign(valid)).when().get("/admin/rulesets").then().statusCode(200);
        given().auth().oauth2("not-a-jwt").when().get("/audit/integrity").then().statusCode(401);
    }

    @Test
    void theLocalUsersAreRefusedOnceStaffSignInIsConfigured() {
        given().auth().preemptive().basic("auditor", "auditor").when().get("/audit/integrity").then().statusCode(401);
        given().auth().preemptive().basic("pharmacist", "pharmacist").when().get("/admin/rulesets").then().statusCode(401);
        given().auth().preemptive().basic("records-officer", "records-officer").header("X-Requested-By", "x")
                .queryParam("reason", "x").when().post("/admin/audit/purge").then().statusCode(401);
    }

    @Test
    void aStaffTokenNamedLikeALocalUserIsNotRefused() {
        bearer(token("auditor", "auditor")).when().get("/audit/integrity").then().statusCode(200);
    }

    @Test
    void theCdsServicesNeverSeeStaffSignIn() {
        // EHRs send their own client JWT in Authorization; staff sign-in must neither reject nor consume it.
        String ehrJwt = "eyJhbGciOiJFUzM4NCJ9.eyJpc3MiOiJodHRwczovL2Voci5leGFtcGxlIn0.c2lnbmF0dXJl";
        given().header("Authorization", "Bearer " + ehrJwt).contentType(ContentType.JSON)
                .body(RulesetLifecycleTestAccess.naproxenRequest())
                .when().post("/cds-services/medication-safety-sign").then().statusCode(200)
                .body("cards.summary", hasItem(org.hamcrest.Matchers.containsString("naproxen + warfarin")));
        given().header("Authorization", "Bearer " + ehrJwt).contentType(ContentType.JSON).body("{}")
                .when().post("/cds-services/medication-safety-sign").then().statusCode(400);
        given().header("Authorization", "Bearer " + ehrJwt).when().get("/cds-services").then().statusCode(200);
        given().header("Authorization", "Bearer " + token("p.jones", "pharmacist")).contentType(ContentType.JSON)
                .body(RulesetLifecycleTestAccess.naproxenRequest())
                .when().post("/cds-services/medication-safety-sign").then().statusCode(200);
    }
}
