package org.medsafety.cdshooks;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Lets tests in other packages send the Synthea warfarin patient's naproxen order, which raises a card. */
public final class OrderSignWithSyntheaTestAccess {

    private OrderSignWithSyntheaTestAccess() {
    }

    /** Every prefetch key our services declare. */
    public static java.util.Set<String> prefetchKeys() {
        return CdsServiceCatalog.PREFETCH.keySet();
    }

    public static ObjectNode warfarinPatientOrderingNaproxen() {
        return OrderSignWithSyntheaTest.warfarinPatientOrderingNaproxen();
    }
}
