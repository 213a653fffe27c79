package org.medsafety.knowledge;

/**
 * A drug–drug interaction between two ingredients or classes ({@code object} and {@code precipitant} name either an
 * RxCUI or {@code class:<id>}).
 *
 * @param oncHighPriority one of the 15 ONC high-priority pairs (Phansalkar 2012): never suppressed or lowered
 */
public record Interaction(String id, String title, String object, String precipitant, Severity severity,
                          boolean oncHighPriority, String mechanism, String clinicalEffect, String management,
                          String documentation, Source source) {
}
