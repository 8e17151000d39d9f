/**
 * The hub's test kit, shipped as the hub's test-jar ({@code <type>test-jar</type>}) for the desktop
 * client's tests and future cluster tests: {@link org.roomhub.hub.testkit.RunningHub} (a real hub on
 * port 0 in a fresh folder per test, a JUnit 5 extension), {@link org.roomhub.hub.testkit.HubProcess}
 * (the hub's command line in a child JVM, for crash tests and the benchmark), real clients
 * ({@link org.roomhub.hub.testkit.WsClient}, {@link org.roomhub.hub.testkit.TextSocket},
 * {@link org.roomhub.hub.testkit.SseClient}, {@link org.roomhub.hub.testkit.PollClient},
 * {@link org.roomhub.hub.testkit.RawSocket}) and {@link org.roomhub.hub.testkit.ManualClock} for
 * {@code HubConfig.clock}. Test code only; no test lives here.
 */
package org.roomhub.hub.testkit;
