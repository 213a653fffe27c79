package org.medsafety.security;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jose4j.jwk.JsonWebKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medsafety.testing.TestEhr;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.medsafety.testing.Fixtures.JSON;

/** The registry of trusted EHRs: what it accepts, and the doubtful entries that stop the start. */
class CdsClientsFileTest {

    @TempDir
    Path dir;

    private final TestEhr ehr = TestEhr.es384("https://ehr.example.org");
    private final List<URI> fetched = new ArrayList<>();

    private Map<String, CdsClient> read(String json) throws IOException {
        Path file = dir.resolve("clients.json");
        Files.writeString(file, json);
        return CdsClientsFile.read(file, url -> {
            fetched.add(url);
            return JwksSource.pinned(List.of());
        });
    }

    private void refused(String json, String message) {
        assertThatThrownBy(() -> read(json)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("MEDSAFETY_CDS_CLIENTS_FILE").hasMessageContaining(message);
    }

    @Test
    void pinnedKeysAndKeySetUrlsAreRead() throws Exception {
        String json = "{\"clients\": [" + ehr.registration() + ", {\"iss\": \"https://other.example\", "
                + "\"jwksUrl\": \"https://other.example/jwks.json\", \"jkuAllowList\": "
                + "[\"https://other.example/jwks.json\", \"https://other.example/next.json\"], \"tenants\": [\"north\"]}]}";
        Map<String, CdsClient> clients = read(json);
        assertThat(clients).containsOnlyKeys("https://ehr.example.org", "https://other.example");
        assertThat(clients.get(ehr.iss()).keys().keys()).extracting(JsonWebKey::getKeyId).containsExactly(ehr.kid());
        CdsClient other = clients.get("https://other.example");
        assertThat(other.tenants()).containsExactly("north");
        assertThat(other.jku()).containsOnlyKeys("https://other.example/jwks.json", "https://other.example/next.json");
        assertThat(other.jku().get("https://other.example/jwks.json")).isSameAs(other.keys());
        assertThat(fetched).extracting(URI::toString)
                .containsExactly("https://other.example/jwks.json", "https://other.example/next.json");
    }

    @Test
    void doubtfulEntriesStopTheStart() {
        refused("[]", "at least one client");
        refused("{\"clients\": [{\"jwksUrl\": \"https://x.example/k\"}]}", "client 1: iss is required");
        refused("{\"clients\": [" + ehr.registration() + "," + ehr.registration() + "]}", "registered twice");
        refused("{\"clients\": [{\"iss\": \"a\"}]}", "exactly one of jwks");
        ObjectNode both = ehr.registration().put("jwksUrl", "https://x.example/k");
        refused("{\"clients\": [" + both + "]}", "exactly one of jwks");
        refused("{\"clients\": [{\"iss\": \"a\", \"jwksUrl\": \"http://x.example/k\"}]}", "jwksUrl must be an https URL");
        refused("{\"clients\": [{\"iss\": \"a\", \"jwksUrl\": \"https://x.example/k\", \"jkuAllowList\": "
                + "[\"http://x.example/k2\"]}]}", "jkuAllowList must be an https URL");
    }

    @Test
    void onlyPublicSigningKeysWithKidsMayBeRegistered() throws Exception {
        String privateJwk = ehr.key().toJson(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE);
        refused("{\"clients\": [{\"iss\": \"a\", \"jwks\": {\"keys\": [" + privateJwk + "]}}]}", "holds a private key");
        refused("{\"clients\": [{\"iss\": \"a\", \"jwks\": {\"keys\": [{\"kty\": \"oct\", \"kid\": \"s\", "
                + "\"k\": \"c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0\"}]}}]}", "not a public EC or RSA signing key");
        ObjectNode noKid = (ObjectNode) JSON.readTree(ehr.jwks().get("keys").get(0).toString());
        noKid.remove("kid");
        refused("{\"clients\": [{\"iss\": \"a\", \"jwks\": {\"keys\": [" + noKid + "]}}]}", "its own kid");
    }
}
