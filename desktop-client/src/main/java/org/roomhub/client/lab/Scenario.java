package org.roomhub.client.lab;

/**
 * One lab scenario: started once, measured while it runs, closed once. It does its work on its own
 * threads; {@link #report()} may be called from any thread at any time.
 */
public interface Scenario extends AutoCloseable {

    /** Which scenario this is. */
    ScenarioKind kind();

    /** Starts the work without waiting for it. */
    void start();

    /** What was measured so far. */
    LabReport report();

    /** Closes every connection it opened, undoes every setting it changed, deletes the rooms it made. */
    @Override
    void close();
}
