package org.medsafety.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import static org.medsafety.testing.Fixtures.JSON;

/**
 * The hospital's identity provider for the multi-process checks in .ci/: serves discovery and its keys until it is
 * killed, and signs staff tokens (Keycloak's shape: roles under {@code realm_access.roles}) with its key.
 *
 * <pre>java -cp target/test-classes:target/quarkus-app/lib/main/* org.medsafety.testing.StaffIdentityProviderCli \
 *     serve DIR PORT                    # writes DIR/idp.json (issuer, private key) once it answers
 * java -cp … StaffIdentityProviderCli token DIR USER ROLE AUDIENCE</pre>
 */
public final class StaffIdentityProviderCli {

    private StaffIdentityProviderCli() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[0].equals("serve")) {
            StaffIdentityProvider provider = StaffIdentityProvider.start(Integer.parseInt(args[2]));
            ObjectNode saved = JSON.createObjectNode().put("issuer", provider.issuer()).put("jwk", provider.privateJwk());
            Path dir = Path.of(args[1]);
            Files.createDirectories(dir);
            Path partial = dir.resolve("idp.json.partial");
            Files.writeString(partial, saved.toString());
            // Moved into place whole: a script waiting for the file never reads half of it.
            Files.move(partial, dir.resolve("idp.json"), StandardCopyOption.ATOMIC_MOVE);
            System.out.println(provider.issuer());
            new CountDownLatch(1).await();
        } else if (args.length == 5 && args[0].equals("token")) {
            JsonNode saved = JSON.readTree(Files.readString(Path.of(args[1]).resolve("idp.json")));
            StaffTokens tokens = new StaffTokens(saved.get("jwk").asText(), saved.get("issuer").asText());
            System.out.println(tokens.sign(tokens.claims(args[2], args[4], List.of(args[3]))));
        } else {
            System.err.println("usage: StaffIdentityProviderCli serve DIR PORT | token DIR USER ROLE AUDIENCE");
            System.exit(2);
        }
    }
}
