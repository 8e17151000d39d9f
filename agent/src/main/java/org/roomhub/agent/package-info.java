/**
 * The host metrics agent: {@link org.roomhub.agent.HostSampler} reads this machine with OSHI under the
 * names of {@link org.roomhub.agent.HostMetrics}; {@link org.roomhub.agent.MetricsAgent} publishes the
 * readings into a {@code metrics} room, buffering what it could not send. Used by the hub's
 * {@code agent} command and by the desktop's own publisher. Depends on the protocol, OSHI and the JDK only.
 */
package org.roomhub.agent;
