/** Self-validating values of the wire contract: a value that exists is a valid value. */
package org.roomhub.protocol.value;
