/** Signed tokens (HS256), roles and room patterns, and the access decision every entry point asks. */
package org.roomhub.hub.auth;
