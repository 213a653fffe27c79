package org.medsafety.console;

import io.quarkus.qute.TemplateData;
import io.quarkus.security.identity.SecurityIdentity;
import org.medsafety.security.Roles;

import java.util.Arrays;
import java.util.Set;

/**
 * Who is signed in to the console and what they may open. The roles are the API's (README "Roles and duties"): the
 * console shows each role the pages of its duties and refuses the rest with a 403 page.
 */
@TemplateData
public record ConsoleUser(String name, Set<String> roles) {

    static ConsoleUser of(SecurityIdentity identity) {
        return new ConsoleUser(identity.getPrincipal().getName(), Set.copyOf(identity.getRoles()));
    }

    public boolean pharmacist() {
        return roles.contains(Roles.PHARMACIST);
    }

    public boolean auditor() {
        return roles.contains(Roles.AUDITOR);
    }

    public boolean recordsOfficer() {
        return roles.contains(Roles.RECORDS_OFFICER);
    }

    /** Refuses unless the user holds one of the roles; the console answers with its 403 page. */
    void require(String... anyOf) {
        if (Arrays.stream(anyOf).noneMatch(roles::contains)) {
            throw new ConsoleAccessRefused(String.join(" or ", anyOf));
        }
    }

    /** The page each role starts on. */
    public String home() {
        if (pharmacist() || auditor()) {
            return "/console/dashboard";
        }
        return "/console/integrity";
    }
}
