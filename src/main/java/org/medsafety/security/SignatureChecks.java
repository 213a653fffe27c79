package org.medsafety.security;

import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.jose4j.jca.ProviderContext;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.Provider;
import java.security.Security;
import java.security.interfaces.ECPublicKey;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How client JWT signatures are checked fast enough for the order-entry click path. On Java 17 the JDK's P-384
 * ECDSA check costs about 1.5 ms of CPU (docs/performance.md); Bouncy Castle's costs a fraction of that, most of all
 * when the same public key object is reused, because it keeps the key's precomputed multiples with the key. So EC
 * keys are translated to Bouncy Castle keys once and kept, and ES* signatures are checked by Bouncy Castle. RSA
 * stays with the JDK, which is already fast (about 30 µs for RS384). What is accepted does not change: the same
 * algorithms, the same curve check by jose4j, the same signature equation.
 */
public final class SignatureChecks {

    /** Bouncy Castle, added after the JDK's providers (so nothing else picks it by default) if not present yet. */
    private static final String PROVIDER;

    static {
        Provider present = Security.getProvider(BouncyCastleProvider.PROVIDER_NAME);
        if (present == null) {
            Security.addProvider(new BouncyCastleProvider());
        }
        PROVIDER = BouncyCastleProvider.PROVIDER_NAME;
    }

    /** Client keys seen; a handful per EHR, so a cap only guards against a JWKS that keeps changing its keys. */
    private static final int MAX_KEYS = 1_000;

    private static final ProviderContext ELLIPTIC = ellipticContext();
    private static final ProviderContext DEFAULT = new ProviderContext();

    private final Map<ECPublicKey, Key> translated = new ConcurrentHashMap<>();

    /** The provider settings for a token signed with {@code alg}. */
    public ProviderContext contextFor(String alg) {
        return alg != null && alg.startsWith("ES") ? ELLIPTIC : DEFAULT;
    }

    /** The key to check a signature with: for an EC key, its Bouncy Castle form, made once. */
    public Key keyFor(Key key) {
        if (!(key instanceof ECPublicKey ec)) {
            return key;
        }
        Key known = translated.get(ec);
        if (known != null) {
            return known;
        }
        if (translated.size() >= MAX_KEYS) {
            translated.clear();
        }
        try {
            Key fast = KeyFactory.getInstance("EC", PROVIDER).translateKey(ec);
            translated.put(ec, fast);
            return fast;
        } catch (GeneralSecurityException e) {
            return key; // the JDK checks it then, slower but the same
        }
    }

    private static ProviderContext ellipticContext() {
        ProviderContext context = new ProviderContext();
        context.getSuppliedKeyProviderContext().setSignatureProvider(PROVIDER);
        return context;
    }
}
