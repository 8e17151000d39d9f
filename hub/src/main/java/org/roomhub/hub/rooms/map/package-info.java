/**
 * The {@code map} room: pins owned by the people who placed them, a shared route with its meeting
 * point and distances, named snapshots, and GPX / GeoJSON export and import.
 */
package org.roomhub.hub.rooms.map;
