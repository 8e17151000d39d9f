package org.roomhub.client.lab;

/**
 * Figures the user can change while a scenario runs; read by the scenario at each report.
 * Written on the UI thread, read on others.
 */
public final class LabInputs {

    private volatile double ratePerHour = 0.01;
    private volatile int users = 1_000;

    /** Price of one room kept in memory for one hour (any currency). */
    public double ratePerHour() {
        return ratePerHour;
    }

    /** Connected users in the cost example. */
    public int users() {
        return users;
    }

    /** Sets the price per awake room-hour; must be finite and not negative. */
    public void ratePerHour(double rate) {
        if (!Double.isFinite(rate) || rate < 0) {
            throw new IllegalArgumentException("the rate must be a number of 0 or more");
        }
        this.ratePerHour = rate;
    }

    /** Sets the number of users; 1 to 10,000,000. */
    public void users(int count) {
        if (count < 1 || count > 10_000_000) {
            throw new IllegalArgumentException("users must be 1 to 10,000,000");
        }
        this.users = count;
    }
}
