package org.roomhub.hub;

import picocli.CommandLine;

/**
 * Entry point of the packaged {@code roomhub-agent} launcher: the {@code agent} command on its own, so
 * {@code roomhub-agent --hub URL} works (a jpackage launcher's default arguments vanish as soon as the
 * user gives any, so it cannot simply be "roomhub-hub agent").
 */
public final class AgentMain {

    private AgentMain() {}

    /** Runs {@link AgentCommand} with {@code args}; exits with its status. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new AgentCommand()).execute(args));
    }
}
