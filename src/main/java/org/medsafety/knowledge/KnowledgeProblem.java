package org.medsafety.knowledge;

/** Something wrong in a knowledge file, located for the pharmacist who has to fix it. */
public record KnowledgeProblem(String file, int line, String message) {

    @Override
    public String toString() {
        return file + ":" + line + ": " + message;
    }
}
