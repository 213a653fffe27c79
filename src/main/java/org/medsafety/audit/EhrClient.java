package org.medsafety.audit;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The registered EHR a call or feedback came from (its token's issuer and tenant), when it carried a token. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EhrClient(String iss, String tenant) {

    /** Null when the call carried no client token (the loopback quick start). */
    static EhrClient of(String iss, String tenant) {
        return iss == null ? null : new EhrClient(iss, tenant);
    }
}
