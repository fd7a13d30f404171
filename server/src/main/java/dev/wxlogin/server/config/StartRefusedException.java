package dev.wxlogin.server.config;

/**
 * Thrown at start-up when the service could run but not safely or correctly (an unsupported
 * database, a missing or weak secret); {@link StartRefusedFailureAnalyzer} prints it as one line
 * saying what is wrong and one saying what to do. Never carries a secret's value.
 */
public class StartRefusedException extends RuntimeException {

    private final String action;

    /**
     * @param problem what is wrong, in one line
     * @param action  what the operator should do, in one line
     */
    public StartRefusedException(String problem, String action) {
        super(problem);
        this.action = action;
    }

    /** What the operator should do. */
    public String action() {
        return action;
    }
}
