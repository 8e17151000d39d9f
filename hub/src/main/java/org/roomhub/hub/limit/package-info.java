/** Token-bucket rate limits per connection and per user, and connection limits per room and per user. */
package org.roomhub.hub.limit;
