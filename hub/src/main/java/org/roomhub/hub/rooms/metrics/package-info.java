/** The {@code metrics} room: latest values, 1 s history, sampled broadcasts, subscriptions. */
package org.roomhub.hub.rooms.metrics;
