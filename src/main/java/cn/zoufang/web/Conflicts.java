package cn.zoufang.web;

/** Turns a unique-constraint violation, found anywhere in a failure's causes, into a client error. */
public final class Conflicts {

    private Conflicts() {
    }

    public static Throwable translate(Throwable failure, String constraint, ApiException instead) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains(constraint)) {
                return instead;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return failure;
    }
}
