/**
 * The architecture lab's engine: one-click scenarios that run on a real hub with real connections
 * and measure what happens (latency, bytes on the wire, rate limits, sampling, hibernation time).
 * No JavaFX here: {@code ui.lab} shows what a scenario reports. Internal to the desktop client.
 */
package org.roomhub.client.lab;
