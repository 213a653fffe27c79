package org.medsafety.medication;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Splits medication names into the words that name lookups compare, the same way for the knowledge's names and for an
 * order's text: lower case; commas, brackets and braces are spaces; a number glued to its unit ("40mg", "0.3ml") is
 * two words; two names glued by a slash ("amlodipine/benazepril") are two words and the slash.
 */
final class MedicationWords {

    static final String SLASH = "/";
    /** Words that join two ingredients in free text ("amlodipine and benazepril"). */
    private static final Set<String> CONNECTORS = Set.of("and", "&", "+", SLASH);
    private static final Set<String> UNITS = Set.of("mg", "mcg", "ug", "µg", "g", "gm", "kg", "ml", "l", "unt", "unit",
            "units", "iu", "meq", "mmol", "%", "mcl", "actuat", "ng");
    /** Words that say how much or how long, not what: they may precede a name ("24 hr", "120 actuat"). */
    private static final Set<String> QUANTITY_WORDS = Set.of("hr", "hour", "day", "actuat", "ml", "pack");

    private MedicationWords() {
    }

    /** Hand-written rather than regular expressions: every product name of the vocabulary passes here at load. */
    static String[] words(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        List<String> words = new ArrayList<>(12);
        int n = lower.length();
        int i = 0;
        while (i < n) {
            while (i < n && isSeparator(lower.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !isSeparator(lower.charAt(i))) {
                i++;
            }
            if (i > start) {
                token(lower, start, i, words);
            }
        }
        return words.toArray(new String[0]);
    }

    private static boolean isSeparator(char c) {
        return c == ' ' || c == ',' || c == '(' || c == ')' || c == '{' || c == '}' || c == ';' || c == '"'
                || Character.isWhitespace(c);
    }

    private static void token(String text, int start, int end, List<String> words) {
        int glue = gluedUnitAt(text, start, end);
        if (glue > 0) { // "40mg", "0.3ml", "5mg/ml"
            words.add(text.substring(start, glue));
            words.add(text.substring(glue, end));
            return;
        }
        String token = text.substring(start, end);
        if (token.length() > 2 && Character.isLetter(token.charAt(0)) && token.indexOf('/') > 0 && !isUnit(token)) {
            int from = 0; // "amlodipine/benazepril"
            for (int slash = token.indexOf('/'); slash >= 0; slash = token.indexOf('/', from)) {
                if (slash > from) {
                    words.add(token.substring(from, slash));
                }
                words.add(SLASH);
                from = slash + 1;
            }
            if (from < token.length()) {
                words.add(token.substring(from));
            }
            return;
        }
        words.add(token);
    }

    /** Where the unit of a number glued to its unit starts ("40mg" → 2), or -1. */
    private static int gluedUnitAt(String text, int start, int end) {
        int i = start;
        while (i < end && Character.isDigit(text.charAt(i))) {
            i++;
        }
        if (i == start) {
            return -1;
        }
        if (i < end - 1 && text.charAt(i) == '.' && Character.isDigit(text.charAt(i + 1))) {
            i++;
            while (i < end && Character.isDigit(text.charAt(i))) {
                i++;
            }
        }
        if (i == end || !(Character.isLetter(text.charAt(i)) || text.charAt(i) == '%')) {
            return -1;
        }
        for (int k = i; k < end; k++) {
            char c = text.charAt(k);
            if (!Character.isLetter(c) && c != '/' && c != '%') {
                return -1;
            }
        }
        return i;
    }

    /** The words joined by single spaces: the form names are compared in. */
    static String normalised(String text) {
        return String.join(" ", words(text));
    }

    static boolean isNumber(String word) {
        int digits = 0;
        boolean point = false;
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (Character.isDigit(c)) {
                digits++;
            } else if (c == '.' && !point && i < word.length() - 1) {
                point = true;
            } else {
                return false;
            }
        }
        return digits > 0;
    }

    /** "mg", "mg/ml", "unt/ml", "mg/actuat", "%": a unit a strength is stated in. */
    static boolean isUnit(String word) {
        int slash = word.indexOf('/');
        return UNITS.contains(slash < 0 ? word : word.substring(0, slash)) && (slash < 0 || slash < word.length() - 1);
    }

    static boolean isConnector(String word) {
        return CONNECTORS.contains(word);
    }

    /** A word that can stand before a brand name without being a name itself: a number, a unit, an NDA number. */
    static boolean isQuantity(String word) {
        for (int i = 0; i < word.length(); i++) {
            if (Character.isDigit(word.charAt(i))) {
                return true;
            }
        }
        return isUnit(word) || QUANTITY_WORDS.contains(word);
    }
}
