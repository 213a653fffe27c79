package org.medsafety.security;

import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;

import java.util.ArrayList;
import java.util.List;

/** Which keys may verify a CDS client's signature: public EC or RSA keys meant for signing. */
final class ClientKeys {

    private ClientKeys() {
    }

    /** The usable keys of a fetched set; symmetric keys, encryption keys and private parts are left out. */
    static List<JsonWebKey> publicOnly(List<JsonWebKey> keys) {
        List<JsonWebKey> result = new ArrayList<>(keys.size());
        for (JsonWebKey k : keys) {
            if (usable(k)) {
                result.add(PublicJsonWebKey.class.cast(k));
            }
        }
        return List.copyOf(result);
    }

    static boolean usable(JsonWebKey k) {
        return (k instanceof EllipticCurveJsonWebKey || k instanceof RsaJsonWebKey)
                && (k.getUse() == null || "sig".equals(k.getUse()));
    }

    /** True when the key carries private material, which has no place in a registry of trusted clients. */
    static boolean hasPrivatePart(JsonWebKey k) {
        return k instanceof PublicJsonWebKey p && p.getPrivateKey() != null;
    }
}
