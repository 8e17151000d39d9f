/**
 * One record per frame of {@code PROTOCOL.md}, under a sealed interface per direction. Each record's
 * {@code @JsonTypeName} is the frame's {@code type} on the wire; records validate their own fields.
 */
package org.roomhub.protocol.frame;
