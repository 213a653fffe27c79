package org.medsafety.security;

import io.quarkus.oidc.runtime.OidcJwtCallerPrincipal;
import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;
import org.medsafety.config.MedsafetyConfig;

import java.util.Map;
import java.util.Set;

/**
 * A staff member signed in with an OIDC token holds exactly the roles of the configured claim
 * ({@code medsafety.staff.roles-claim}). Quarkus OIDC would also take roles from {@code groups} and other claims an
 * IdP fills for its own purposes; the identity is rebuilt so that none of those can grant a role here. A token whose
 * claims cannot be read (an opaque token) gets no role.
 */
@ApplicationScoped
public class StaffTokenRoles implements SecurityIdentityAugmentor {

    private final RolesClaim claim;

    @Inject
    public StaffTokenRoles(MedsafetyConfig config) {
        this.claim = new RolesClaim(config.staff().rolesClaim());
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || identity.getCredential(TokenCredential.class) == null) {
            return Uni.createFrom().item(identity);
        }
        Set<String> roles = identity.getPrincipal() instanceof OidcJwtCallerPrincipal jwt ? claim.read(claims(jwt))
                : Set.of();
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder()
                .setPrincipal(identity.getPrincipal())
                .addCredentials(identity.getCredentials())
                .addAttributes(identity.getAttributes())
                .addRoles(roles)
                .setAnonymous(false)
                .build());
    }

    /**
     * The verified payload as plain maps, lists and strings. The principal's own claim map holds JSON-P values
     * (smallrye-jwt converts them), which {@link RolesClaim} deliberately knows nothing about.
     */
    private static Map<String, Object> claims(OidcJwtCallerPrincipal jwt) {
        String payload = jwt.getClaims().getRawJson();
        try {
            return payload == null ? Map.of() : JsonUtil.parseJson(payload);
        } catch (JoseException e) {
            return Map.of();
        }
    }
}
