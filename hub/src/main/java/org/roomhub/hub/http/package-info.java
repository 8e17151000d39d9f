/** HTTP routes: room path checks in the protocol's order, the REST API, health and errors. */
package org.roomhub.hub.http;
