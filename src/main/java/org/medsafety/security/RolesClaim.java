package org.medsafety.security;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a staff member's roles from one claim of a verified token, and from nowhere else.
 * <p>
 * The setting names the claim: {@code roles}, or a path into nested objects such as Keycloak's
 * {@code realm_access.roles} (or {@code realm_access/roles}). A setting containing {@code /} is split on {@code /}
 * only, so a segment may contain dots ({@code resource_access/medsafety.cds/roles}); otherwise it is split on
 * {@code .}. A claim whose whole name equals the setting is used as it is, which covers namespaced claims such as
 * {@code https://hospital.org/roles}. The value may be a JSON array of strings or one string of roles separated by
 * spaces or commas; anything else gives no roles.
 */
public final class RolesClaim {

    private static final Pattern SEPARATORS = Pattern.compile("[\\s,]+");

    private final String name;
    private final String[] path;

    public RolesClaim(String setting) {
        this.name = setting == null ? "" : setting.trim();
        this.path = name.contains("/") ? name.split("/") : name.split("\\.");
    }

    /** The roles the claims carry under the configured claim; empty when it is absent or not a list of names. */
    public Set<String> read(Map<String, Object> claims) {
        if (claims == null || name.isEmpty()) {
            return Set.of();
        }
        Object value = claims.containsKey(name) ? claims.get(name) : walk(claims);
        return roles(value);
    }

    private Object walk(Map<String, Object> claims) {
        Object node = claims;
        for (String segment : path) {
            if (!(node instanceof Map<?, ?> map) || segment.isEmpty()) {
                return null;
            }
            node = map.get(segment);
        }
        return node;
    }

    private static Set<String> roles(Object value) {
        Set<String> roles = new LinkedHashSet<>();
        if (value instanceof String text) {
            for (String role : SEPARATORS.split(text.trim())) {
                if (!role.isEmpty()) {
                    roles.add(role);
                }
            }
        } else if (value instanceof Collection<?> list) {
            for (Object item : list) {
                if (item instanceof String role && !role.isBlank()) {
                    roles.add(role.trim());
                }
            }
        }
        return Set.copyOf(roles);
    }
}
