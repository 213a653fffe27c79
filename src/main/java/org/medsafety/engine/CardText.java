package org.medsafety.engine;

import org.medsafety.engine.Finding.SuggestedChange;
import org.medsafety.knowledge.DoseLimit;

import java.util.Locale;

/** Small wording helpers for card text: markdown tables, numbers without noise, age bands, the usual "remove" fix. */
final class CardText {

    private CardText() {
    }

    /** A two-column markdown table; rows with an empty value are left out. */
    static String table(String[][] rows) {
        StringBuilder sb = new StringBuilder("| | |\n|---|---|\n");
        for (String[] row : rows) {
            if (row[1] != null && !row[1].isBlank()) {
                sb.append("| ").append(row[0]).append(" | ").append(row[1].replace("|", "\\|").replace("\n", " "))
                        .append(" |\n");
            }
        }
        return sb.toString();
    }

    /** 400 → "400", 0.125 → "0.13", 62.5 → "62.5", 3e20 → "3.00e+20". */
    static String number(Double value) {
        if (value == null) {
            return "?";
        }
        if (!Double.isFinite(value) || Math.abs(value) >= 1e15) {
            // Through a long, 3e20 would print as 9223372036854775807: a false figure on a dose card.
            return String.format(Locale.ROOT, "%.3g", value);
        }
        if (value == Math.rint(value)) {
            return String.valueOf(value.longValue());
        }
        return String.format(Locale.ROOT, "%.2f", value).replaceAll("0+$", "");
    }

    static String describeBand(DoseLimit limit) {
        String route = limit.route() == null ? "any route" : limit.route() + " route";
        if (limit.minAgeYears() == null && limit.maxAgeYears() == null) {
            return route + ", all ages";
        }
        if (limit.maxAgeYears() == null) {
            return route + ", age " + number(limit.minAgeYears()) + " years and over";
        }
        if (limit.minAgeYears() == null) {
            return route + ", age up to " + number(limit.maxAgeYears()) + " years";
        }
        return route + ", age " + number(limit.minAgeYears()) + " to " + number(limit.maxAgeYears()) + " years";
    }

    static String capitalise(String s) {
        return s == null || s.isEmpty() ? "" : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    static String lowerFirst(String s) {
        return s == null || s.isEmpty() ? "" : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    /** The fix most cards offer: drop the order that caused the problem. */
    static SuggestedChange removeOrder(String orderRef, String ingredientName) {
        return new SuggestedChange(SuggestedChange.Kind.REMOVE_ORDER, "Remove the " + ingredientName + " order",
                orderRef, null, null, false);
    }
}
