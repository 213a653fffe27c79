package org.medsafety.console;

/** A signed-in user opened a console page of another role's duties; answered with the console's 403 page. */
class ConsoleAccessRefused extends RuntimeException {

    private final String neededRole;

    ConsoleAccessRefused(String neededRole) {
        super("needs role " + neededRole);
        this.neededRole = neededRole;
    }

    String neededRole() {
        return neededRole;
    }
}
