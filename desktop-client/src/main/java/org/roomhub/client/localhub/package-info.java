/**
 * Hubs the desktop starts in child JVMs from its own class path: the lab's crash scenario restarts one
 * under live clients, the failover scenario runs three as a cluster on loopback.
 */
package org.roomhub.client.localhub;
