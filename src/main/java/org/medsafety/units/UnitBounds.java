package org.medsafety.units;

/**
 * Decides whether a unit is small and simple enough to hand to the UCUM library, in one linear pass. The library
 * parses recursively and computes with exact decimals, so unbounded input is unsafe (measured with org.fhir:ucum
 * 1.0.10): 5,000 nested parentheses overflow the stack, "mg." repeated 400 times takes 14 s, and even short units
 * with large exponents ("10*400", "mg400", "[lb_av]24" five times over) run for minutes.
 *
 * <p>Engineering bounds, not UCUM rules: each is far above what medication orders and lab results use (the longest
 * unit in the Synthea fixtures is {@code mL/min/{1.73_m2}}; real exponents are 2 or 3, powers of ten up to 10*12).
 * A unit outside them is simply one this service cannot convert.
 */
final class UnitBounds {

    /** Characters in a unit. */
    static final int MAX_LENGTH = 64;
    /** Nesting of parentheses: {@code mg/(kg.d)} is 1. */
    static final int MAX_PARENTHESIS_DEPTH = 3;
    /** Multiplications and divisions ('.' and '/') outside annotations and brackets: {@code mL/min/{1.73_m2}} is 2. */
    static final int MAX_OPERATORS = 6;
    /** Exponent of a unit atom: m2, cm3, s-1. */
    static final int MAX_EXPONENT = 4;
    /**
     * Unit atoms counted with their exponents: kg.m2.s-3 is 6. Constants with long decimal expansions make exact
     * arithmetic grow with this total ("[pi]4" seven times over ran for seconds).
     */
    static final int MAX_ATOMS_WITH_EXPONENTS = 8;
    /** Power of ten: 10*3/uL, 10*9/L, 10*12/L. */
    static final int MAX_POWER_OF_TEN = 18;
    /** Digits of a plain factor: mmol/(24.h), g/100. */
    static final int MAX_FACTOR_DIGITS = 6;

    private UnitBounds() {
    }

    static boolean admissible(String unit) {
        if (unit == null || unit.isEmpty() || unit.length() > MAX_LENGTH) {
            return false;
        }
        int depth = 0;
        int operators = 0;
        int atoms = 0; // unit atoms, each counted as often as its exponent says
        boolean inAtom = false;
        char previous = 0; // the last character outside annotations; ']' after a bracketed atom
        for (int i = 0; i < unit.length(); i++) {
            char c = unit.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return false; // UCUM is printable ASCII
            }
            if (c == '{' || c == '[') {
                int close = unit.indexOf(c == '{' ? '}' : ']', i + 1);
                if (close < 0) {
                    return false;
                }
                if (c == '[' && !inAtom) {
                    inAtom = true;
                    atoms++;
                }
                i = close;
                previous = c == '{' ? '}' : ']';
                continue;
            }
            if (Character.isDigit(c) || ((c == '-' || c == '+') && i + 1 < unit.length()
                    && Character.isDigit(unit.charAt(i + 1)))) {
                int end = i + 1;
                while (end < unit.length() && Character.isDigit(unit.charAt(end))) {
                    end++;
                }
                String number = unit.substring(i, end);
                if (!numberAllowed(number, previous)) {
                    return false;
                }
                if (inAtom) {
                    atoms += Math.max(Math.abs(Integer.parseInt(number)), 1) - 1;
                    inAtom = false;
                }
                previous = unit.charAt(end - 1);
                i = end - 1;
                continue;
            }
            if (c == '(' && ++depth > MAX_PARENTHESIS_DEPTH) {
                return false;
            }
            if (c == ')' && --depth < 0) {
                return false;
            }
            if ((c == '.' || c == '/') && ++operators > MAX_OPERATORS) {
                return false;
            }
            if (Character.isLetter(c) || c == '%' || c == '\'') {
                if (!inAtom) {
                    inAtom = true;
                    atoms++;
                }
            } else {
                inAtom = false;
            }
            previous = c;
        }
        return atoms <= MAX_ATOMS_WITH_EXPONENTS;
    }

    /** A number is a power of ten after '*' or '^', an exponent right after a unit atom, and a factor otherwise. */
    private static boolean numberAllowed(String number, char previous) {
        String digits = number.charAt(0) == '-' || number.charAt(0) == '+' ? number.substring(1) : number;
        if (previous == '*' || previous == '^') {
            return digits.length() <= 2 && Integer.parseInt(digits) <= MAX_POWER_OF_TEN;
        }
        if (previous == ')') {
            return false; // UCUM has no exponent on a parenthesised term
        }
        if (Character.isLetter(previous) || previous == ']' || previous == '%' || previous == '\'') {
            return digits.length() <= 1 && Integer.parseInt(digits) <= MAX_EXPONENT;
        }
        return digits.equals(number) && digits.length() <= MAX_FACTOR_DIGITS; // a factor has no sign
    }
}
