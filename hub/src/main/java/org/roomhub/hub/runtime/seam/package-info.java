/**
 * The seam between the <em>edge</em> (connections: transports, outbound queues, heartbeats, limits,
 * auth) and the <em>host</em> (rooms: registry, serial queues, lifecycle, alarms, storage, the
 * output gate). Owned by the host; the host imports nothing of the edge.
 *
 * <p>Two small interfaces, one per direction:
 * <ul>
 *   <li>{@link org.roomhub.hub.runtime.seam.RoomPort} (edge → host), implemented by the host: a
 *       session {@linkplain org.roomhub.hub.runtime.seam.RoomPort#open opens} in a room, a decoded
 *       client frame is {@linkplain org.roomhub.hub.runtime.seam.RoomPort#deliver delivered}, the
 *       session {@linkplain org.roomhub.hub.runtime.seam.RoomPort#left leaves}.</li>
 *   <li>{@link org.roomhub.hub.runtime.seam.SessionPort} (host → edge), implemented by the edge:
 *       {@linkplain org.roomhub.hub.runtime.seam.SessionPort#send send} encoded frames to session
 *       ids, {@linkplain org.roomhub.hub.runtime.seam.SessionPort#close close} a session.</li>
 * </ul>
 *
 * <p>The contract, so that a network can sit inside the seam (cluster mode) without a rewrite:
 * <ul>
 *   <li>Only values cross: room addresses, session ids, the records of this package, decoded
 *       {@code ClientFrame}s and {@code EncodedFrame}s from {@code shared-protocol}. No object
 *       reference of one side is held by the other; a session is named by its id, which is unique
 *       in the hub (and, in a cluster, across edges).</li>
 *   <li>Every call is one-way and never blocks: it enqueues and returns. Answers come back as
 *       calls in the other direction (a join is answered by {@code connected} sent to the
 *       session, or by a close).</li>
 *   <li>Order per session is kept: the edge calls {@code open}, then {@code deliver}s, then
 *       {@code left}, from one session in that order; the host sends to a session in the order its
 *       room produced the frames, and a {@code close} after the frames sent before it.</li>
 *   <li>{@code left} is called exactly once per opened session, whoever closed it. Frames the host
 *       sends to a session the edge no longer knows are dropped silently (it left meanwhile).</li>
 *   <li>The edge decides everything about a connection before the host hears of it (auth, path,
 *       connection and rate limits, role checks, decoding); the host decides everything about the
 *       room (dispatch, durability before output, resume, hibernation).</li>
 * </ul>
 */
package org.roomhub.hub.runtime.seam;
