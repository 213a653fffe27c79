package org.medsafety.knowledge;

import java.util.Set;

/** A drug class defined by us, by listing its member ingredients; each membership row carries its own source. */
public record DrugClass(String id, String name, Set<Integer> members, Source source) {

    public DrugClass {
        members = Set.copyOf(members);
    }
}
