package org.medsafety.security;

import java.util.Map;
import java.util.Set;

/**
 * One trusted EHR, as registered in the clients file.
 *
 * @param iss     the issuer its tokens name; the signing key must be one of this client's own keys
 * @param keys    its public keys, pinned or fetched from its JWK Set URL
 * @param jku     JWK Set URLs the client may name in a token's {@code jku} header, each with its key source; a
 *                {@code jku} not listed here is refused
 * @param tenants tenants the client may name; empty means any (or none)
 */
record CdsClient(String iss, JwksSource keys, Map<String, JwksSource> jku, Set<String> tenants) {
}
