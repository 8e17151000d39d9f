/**
 * The Roomhub wire contract ({@code PROTOCOL.md}) as Java types: the codec that turns text into
 * typed frames or typed protocol errors, and serializes outgoing frames once.
 */
package org.roomhub.protocol;
