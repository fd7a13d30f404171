package dev.wxlogin.server;

import com.code_intelligence.jazzer.api.BugDetectors;

/**
 * While fuzzing, Jazzer's SSRF detector flags every network connection. The fuzz tests' connections
 * (to the service) and the service's (to its sandbox WeChat and the test databases) all go to this
 * machine; a connection anywhere else would be one an input steered, and stays a finding.
 */
public final class LoopbackConnections {

    private LoopbackConnections() {
    }

    /**
     * Permits connections to loopback addresses only, from now on in this JVM. Call it in the fuzz
     * test itself: Jazzer's agent, which holds the policy, is installed by then (and not at all
     * when the seeds run as regression tests, where there is no detector to tell).
     */
    public static void only() {
        try {
            BugDetectors.allowNetworkConnections((host, port) ->
                    host.equals("127.0.0.1") || host.equals("localhost") || host.equals("::1") || host.equals("0:0:0:0:0:0:0:1"));
        } catch (IllegalStateException noAgent) {
            // regression run without Jazzer's agent: nothing detects connections
        }
    }
}
