/**
 * Room storage in cluster mode: each room's data is a log in a replicated Infinispan cache whose
 * persistent store on every member is our own crash-safe engine ({@link org.roomhub.hub.cluster.store.EngineStore});
 * a commit is acknowledged once it is durable on two members, and a claim in the log fences older hosts.
 * See docs/cluster.md, "Room storage in cluster mode".
 */
package org.roomhub.hub.cluster.store;
