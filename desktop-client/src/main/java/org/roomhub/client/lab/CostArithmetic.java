package org.roomhub.client.lab;

/**
 * The article's arithmetic: a room (a Durable Object) per connected user, billed for the time it is in
 * memory. "Always on" pays every hour of every user's room; hibernation pays only the awake share.
 *
 * @param users       connected users, one room each
 * @param awakeShare  measured fraction of time a room is awake, 0–1
 * @param ratePerHour price of one room in memory for one hour
 */
record CostArithmetic(int users, double awakeShare, double ratePerHour) {

    /** Room-hours per wall-clock hour when rooms never leave memory. */
    double alwaysOnHours() {
        return users;
    }

    /** Room-hours per wall-clock hour when rooms are billed only while awake. */
    double awakeHours() {
        return users * awakeShare;
    }

    /** The share saved, 0–1. */
    double saved() {
        return 1 - awakeShare;
    }

    /** The article's example: {@code users} rooms each awake {@code awakeSecondsPerHour} s an hour. */
    static CostArithmetic example(int users, double awakeSecondsPerHour, double ratePerHour) {
        return new CostArithmetic(users, awakeSecondsPerHour / 3600.0, ratePerHour);
    }
}
