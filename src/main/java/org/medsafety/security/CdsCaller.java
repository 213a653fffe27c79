package org.medsafety.security;

/**
 * The EHR a CDS Hooks call came from, as its verified JWT says: recorded on the audit record.
 *
 * @param iss    the client's issuer, one of the registered clients
 * @param tenant the organisation within the client ({@code tenant} claim), or null
 */
public record CdsCaller(String iss, String tenant) {
}
