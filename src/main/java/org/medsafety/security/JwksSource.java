package org.medsafety.security;

import org.jose4j.jwk.JsonWebKey;

import java.util.List;

/** Where a client's public keys come from: pinned in the clients file, or fetched from its JWK Set URL. */
interface JwksSource {

    /** The keys as currently known. */
    List<JsonWebKey> keys() throws TokenRefusal;

    /**
     * The keys after a fresh fetch, prompted by a key id we do not know (the client may have rotated its keys);
     * rate-limited, so it may return the cached keys.
     */
    List<JsonWebKey> refreshed() throws TokenRefusal;

    /** Keys pinned in the clients file. */
    static JwksSource pinned(List<JsonWebKey> keys) {
        List<JsonWebKey> copy = List.copyOf(keys);
        return new JwksSource() {
            @Override
            public List<JsonWebKey> keys() {
                return copy;
            }

            @Override
            public List<JsonWebKey> refreshed() {
                return copy;
            }
        };
    }
}
