package org.medsafety.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.lang.JoseException;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads the registry of trusted EHRs ({@code MEDSAFETY_CDS_CLIENTS_FILE}):
 * <pre>{"clients": [
 *   {"iss": "https://ehr.example.org", "jwks": {"keys": [ ... ]}},
 *   {"iss": "https://other.example.org", "jwksUrl": "https://other.example.org/jwks.json",
 *    "jkuAllowList": ["https://other.example.org/jwks.json"], "tenants": ["north"]}]}</pre>
 * Anything doubtful stops the start with a message naming the client and the field: a registry of who may ask
 * for patients' alerts is not a place for guesses.
 */
final class CdsClientsFile {

    private CdsClientsFile() {
    }

    /** @param remote makes the key source of an https JWK Set URL */
    static Map<String, CdsClient> read(Path file, Function<URI, JwksSource> remote) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new IllegalStateException("The CDS clients file " + file.toAbsolutePath()
                    + " (MEDSAFETY_CDS_CLIENTS_FILE) cannot be read as JSON: " + e.getClass().getSimpleName());
        }
        JsonNode clients = root == null ? null : root.get("clients");
        if (clients == null || !clients.isArray() || clients.isEmpty()) {
            throw problem(file, "it must hold {\"clients\": [ ... ]} with at least one client");
        }
        Map<String, CdsClient> result = new LinkedHashMap<>();
        int i = 0;
        for (JsonNode c : clients) {
            String where = "client " + (i + 1);
            String iss = text(c, "iss");
            if (iss == null) {
                throw problem(file, where + ": iss is required");
            }
            if (iss.length() > 500) {
                throw problem(file, where + ": iss is longer than 500 characters");
            }
            where = where + " (" + iss + ")";
            if (result.containsKey(iss)) {
                throw problem(file, where + ": this iss is registered twice");
            }
            JsonWebKeySet pinned = c.has("jwks") ? keySet(file, where, c.get("jwks")) : null;
            String jwksUrl = text(c, "jwksUrl");
            if ((pinned == null) == (jwksUrl == null)) {
                throw problem(file, where + ": give exactly one of jwks (the keys) or jwksUrl");
            }
            JwksSource keys = pinned != null ? JwksSource.pinned(pinnedKeys(file, where, pinned))
                    : remote.apply(https(file, where, "jwksUrl", jwksUrl));
            Map<String, JwksSource> jku = new LinkedHashMap<>();
            for (String url : strings(file, where, c, "jkuAllowList")) {
                jku.put(url, url.equals(jwksUrl) ? keys : remote.apply(https(file, where, "jkuAllowList", url)));
            }
            Set<String> tenants = new LinkedHashSet<>(strings(file, where, c, "tenants"));
            result.put(iss, new CdsClient(iss, keys, Map.copyOf(jku), Set.copyOf(tenants)));
            i++;
        }
        return Map.copyOf(result);
    }

    private static JsonWebKeySet keySet(Path file, String where, JsonNode jwks) {
        try {
            return new JsonWebKeySet(jwks.toString());
        } catch (JoseException e) {
            throw problem(file, where + ": jwks is not a JWK Set ({\"keys\": [ ... ]})");
        }
    }

    private static List<JsonWebKey> pinnedKeys(Path file, String where, JsonWebKeySet set) {
        Set<String> kids = new HashSet<>();
        for (JsonWebKey k : set.getJsonWebKeys()) {
            if (!ClientKeys.usable(k)) {
                throw problem(file, where + ": key " + k.getKeyId() + " is not a public EC or RSA signing key "
                        + "(CDS Hooks refuses symmetric algorithms)");
            }
            if (ClientKeys.hasPrivatePart(k)) {
                throw problem(file, where + ": key " + k.getKeyId() + " holds a private key; register the public "
                        + "key only");
            }
            if (k.getKeyId() == null || !kids.add(k.getKeyId())) {
                throw problem(file, where + ": every key needs its own kid (CDS Hooks requires kid in the token)");
            }
        }
        if (kids.isEmpty()) {
            throw problem(file, where + ": jwks holds no keys");
        }
        return set.getJsonWebKeys();
    }

    private static URI https(Path file, String where, String field, String url) {
        try {
            URI uri = URI.create(url);
            if ("https".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null && uri.getUserInfo() == null) {
                return uri;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw problem(file, where + ": " + field + " must be an https URL");
    }

    private static List<String> strings(Path file, String where, JsonNode c, String field) {
        JsonNode v = c.get(field);
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            throw problem(file, where + ": " + field + " must be an array of strings");
        }
        List<String> result = new ArrayList<>();
        for (JsonNode s : v) {
            if (!s.isTextual() || s.asText().isBlank()) {
                throw problem(file, where + ": " + field + " must be an array of strings");
            }
            result.add(s.asText());
        }
        return result;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && v.isTextual() && !v.asText().isBlank() ? v.asText() : null;
    }

    private static IllegalStateException problem(Path file, String message) {
        return new IllegalStateException("The CDS clients file " + file.toAbsolutePath()
                + " (MEDSAFETY_CDS_CLIENTS_FILE) is refused: " + message);
    }
}
