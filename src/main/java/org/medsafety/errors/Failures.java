package org.medsafety.errors;

/** Describes an exception for the log without its messages, which may quote patient data. */
public final class Failures {

    private Failures() {
    }

    /** e.g. "java.lang.IllegalStateException at org.medsafety.x.Y.method(Y.java:42) caused by java.io.IOException" */
    public static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder(e.getClass().getName());
        for (StackTraceElement frame : e.getStackTrace()) {
            if (frame.getClassName().startsWith("org.medsafety.")) {
                sb.append(" at ").append(frame);
                break;
            }
        }
        Throwable cause = e.getCause();
        int depth = 0;
        while (cause != null && cause != e && depth++ < 5) {
            sb.append(" caused by ").append(cause.getClass().getName());
            cause = cause.getCause();
        }
        return sb.toString();
    }
}
