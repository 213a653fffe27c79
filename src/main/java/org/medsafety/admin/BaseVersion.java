package org.medsafety.admin;

import org.medsafety.errors.ErrorCode;
import org.medsafety.errors.InvalidRequestException;


import java.util.regex.Pattern;

/**
 * The ruleset version a pharmacist's change was made on, as the client names it: the {@code If-Match} header (the
 * {@code ETag} of {@code GET /admin/tuning} or {@code GET /admin/rulesets/active}, quoted or not) or a
 * {@code baseVersion} field. The change is applied only if that version is still the active one (else 409).
 */
final class BaseVersion {

    private static final Pattern VERSION = Pattern.compile("[0-9a-f]{64}");

    private BaseVersion() {
    }

    /** The version named, or null when the client named none ({@code If-Match: *} names none either). */
    static String of(String ifMatch, String field) {
        String header = fromHeader(ifMatch);
        String named = field == null || field.isBlank() ? null : checked(field.trim(), "baseVersion");
        if (header != null && named != null && !header.equals(named)) {
            throw new InvalidRequestException(ErrorCode.INVALID_PARAMETER,
                    "If-Match names " + header + " but baseVersion names " + named
                    + ": send one base version");
        }
        return header != null ? header : named;
    }

    private static String fromHeader(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return null;
        }
        String v = ifMatch.trim();
        if (v.contains(",")) {
            throw new InvalidRequestException(ErrorCode.INVALID_PARAMETER, "If-Match must name one ruleset version");
        }
        if (v.startsWith("W/")) {
            v = v.substring(2);
        }
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
            v = v.substring(1, v.length() - 1);
        }
        return checked(v, "If-Match");
    }

    private static String checked(String version, String where) {
        if (!VERSION.matcher(version).matches()) {
            throw new InvalidRequestException(ErrorCode.INVALID_PARAMETER,
                    where + " must be a full ruleset version (64 hexadecimal "
                    + "characters, as GET /admin/rulesets/active gives it)");
        }
        return version;
    }
}
