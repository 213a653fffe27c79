package org.medsafety.knowledge;

/**
 * Where a knowledge row comes from: a citation a pharmacist can look up (paper, or FDA label with set-id, version
 * and date) and, where one exists, a link to it.
 */
public record Source(String citation, String url) {
}
