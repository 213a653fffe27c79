package org.medsafety.admin;

/** Lets tests in other packages send the lifecycle tests' warfarin + naproxen request. */
public final class RulesetLifecycleTestAccess {

    private RulesetLifecycleTestAccess() {
    }

    public static String naproxenRequest() {
        return RulesetLifecycleTest.naproxenForWarfarinPatient();
    }
}
