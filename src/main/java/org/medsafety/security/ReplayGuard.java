package org.medsafety.security;

import java.time.Instant;

/** Remembers the jti of every accepted token until it expires, so that each token is used once. */
interface ReplayGuard {

    /** True the first time this client's jti is seen; false for a replay. */
    boolean firstUse(String iss, String jti, Instant expiresAt);
}
