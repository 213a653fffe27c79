package org.medsafety.medication;

import java.util.Locale;

/** Reduces route and dose-form wording to the route keywords dose limits use. */
public final class Routes {

    private Routes() {
    }

    /** @return oral, sublingual, intravenous, intramuscular, subcutaneous, transdermal, topical, inhalation, rectal, or null */
    public static String keyword(String text) {
        if (text == null) {
            return null;
        }
        String t = text.toLowerCase(Locale.ROOT);
        if (t.contains("sublingual") || t.contains("buccal")) {
            return "sublingual";
        }
        if (t.contains("oral") || t.equals("po") || t.contains("by mouth") || t.contains("swallow")) {
            return "oral";
        }
        if (t.contains("intravenous") || t.equals("iv")) {
            return "intravenous";
        }
        if (t.contains("intramuscular") || t.equals("im")) {
            return "intramuscular";
        }
        if (t.contains("subcutaneous") || t.equals("sc") || t.equals("subq")) {
            return "subcutaneous";
        }
        if (t.contains("transdermal")) {
            return "transdermal";
        }
        if (t.contains("inhal") || t.contains("metered dose") || t.contains("dry powder")) {
            return "inhalation";
        }
        if (t.contains("rectal") || t.contains("suppositor")) {
            return "rectal";
        }
        if (t.contains("topical") || t.contains("cream") || t.contains("ointment")) {
            return "topical";
        }
        return null;
    }
}
