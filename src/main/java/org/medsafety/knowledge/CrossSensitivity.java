package org.medsafety.knowledge;

/**
 * An allergy to {@code allergen} (an RxCUI or {@code class:<id>}) matters when ordering {@code drug} (likewise).
 */
public record CrossSensitivity(String id, String title, String allergen, String drug, Severity severity, String note,
                               Source source) {
}
