package org.medsafety.engine.facts;

import java.util.List;

/**
 * Something the service could not identify, so could not screen: a draft order, part of a combination product,
 * an active medication, or a drug allergy. Rules turn these into info cards rather than staying silent.
 *
 * @param kind one of "draft-order", "active-medication", "allergy"
 */
public final class UnscreenedFact {

    private final String kind;
    private final String reference;
    private final String label;
    private final List<String> parts;
    private final boolean selected;

    public UnscreenedFact(String kind, String reference, String label, List<String> parts, boolean selected) {
        this.kind = kind;
        this.reference = reference;
        this.label = label;
        this.parts = List.copyOf(parts);
        this.selected = selected;
    }

    public String getKind() {
        return kind;
    }

    public String getReference() {
        return reference;
    }

    public String getLabel() {
        return label;
    }

    public List<String> getParts() {
        return parts;
    }

    public boolean isSelected() {
        return selected;
    }
}
