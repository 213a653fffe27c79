package org.medsafety.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import io.smallrye.config.WithParentName;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The property names a {@link ConfigMapping} interface reads, found by reflection the way SmallRye Config derives
 * them: the prefix, then each method's {@link WithName} or its name in kebab case, through nested groups
 * ({@link WithParentName} adds no segment), {@code Optional} groups and values, lists of groups ({@code [*]}) and
 * maps ({@code *} for the map key). A value's default is its {@link WithDefault}.
 */
final class MappingKeys {

    /** One leaf setting: its full name, default if any, and whether it may be left unset. */
    record Key(String name, Optional<String> defaultValue, boolean optional) {
    }

    private MappingKeys() {
    }

    static List<Key> of(Class<?> mapping) {
        ConfigMapping annotation = mapping.getAnnotation(ConfigMapping.class);
        if (annotation == null) {
            throw new IllegalArgumentException(mapping + " is not a @ConfigMapping");
        }
        if (annotation.namingStrategy() != ConfigMapping.NamingStrategy.KEBAB_CASE) {
            throw new IllegalArgumentException(mapping + ": only the default kebab-case naming is walked");
        }
        List<Key> keys = new ArrayList<>();
        group(mapping, annotation.prefix(), false, keys);
        keys.sort(Comparator.comparing(Key::name));
        return keys;
    }

    private static void group(Class<?> type, String prefix, boolean optional, List<Key> keys) {
        Method[] methods = type.getMethods();
        Arrays.sort(methods, Comparator.comparing(Method::getName));
        for (Method m : methods) {
            if (m.isDefault() || Modifier.isStatic(m.getModifiers()) || m.getParameterCount() > 0
                    || m.getDeclaringClass() == Object.class) {
                continue; // SmallRye maps abstract accessors only
            }
            String name = m.isAnnotationPresent(WithParentName.class) ? prefix : prefix + "." + segment(m);
            Optional<String> defaultValue = Optional.ofNullable(m.getAnnotation(WithDefault.class))
                    .map(WithDefault::value);
            value(m.getGenericReturnType(), name, optional, defaultValue, keys);
        }
    }

    private static void value(Type type, String name, boolean optional, Optional<String> defaultValue,
                              List<Key> keys) {
        Class<?> raw = raw(type);
        if (raw == Optional.class) {
            value(argument(type, 0), name, true, defaultValue, keys);
        } else if (raw == OptionalInt.class || raw == OptionalLong.class || raw == OptionalDouble.class) {
            keys.add(new Key(name, defaultValue, true));
        } else if (List.class.isAssignableFrom(raw) || java.util.Set.class.isAssignableFrom(raw)) {
            Class<?> element = raw(argument(type, 0));
            if (isGroup(element)) {
                group(element, name + "[*]", optional, keys);
            } else {
                keys.add(new Key(name, defaultValue, optional));
            }
        } else if (Map.class.isAssignableFrom(raw)) {
            value(argument(type, 1), name + ".*", optional, defaultValue, keys);
        } else if (isGroup(raw)) {
            group(raw, name, optional, keys);
        } else {
            keys.add(new Key(name, defaultValue, optional));
        }
    }

    /** Interfaces of this application are groups; everything else (String, Path, Duration, MemorySize...) a value. */
    private static boolean isGroup(Class<?> type) {
        return type.isInterface() && type.getName().startsWith("org.medsafety.");
    }

    private static String segment(Method m) {
        WithName withName = m.getAnnotation(WithName.class);
        return withName != null ? withName.value() : kebab(m.getName());
    }

    /** SmallRye's kebab case: a dash before each upper-case letter that starts a word ({@code jwksMaxSize}). */
    static String kebab(String method) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < method.length(); i++) {
            char c = method.charAt(i);
            if (Character.isUpperCase(c)) {
                boolean afterLower = i > 0 && !Character.isUpperCase(method.charAt(i - 1));
                boolean endsAcronym = i > 0 && i + 1 < method.length() && Character.isUpperCase(method.charAt(i - 1))
                        && Character.isLowerCase(method.charAt(i + 1));
                if (afterLower || endsAcronym) {
                    out.append('-');
                }
                out.append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        throw new IllegalArgumentException("cannot walk " + type);
    }

    private static Type argument(Type type, int index) {
        if (type instanceof ParameterizedType p) {
            return p.getActualTypeArguments()[index];
        }
        throw new IllegalArgumentException(type + " has no type argument");
    }
}
