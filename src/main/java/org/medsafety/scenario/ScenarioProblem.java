package org.medsafety.scenario;

/** A scenario file that cannot be read, located at file and line. */
public record ScenarioProblem(String file, int line, String message) {

    @Override
    public String toString() {
        return file + ":" + line + ": " + message;
    }
}
