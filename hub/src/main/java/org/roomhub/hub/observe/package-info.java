/** What the hub tells about itself: the observer stream, Prometheus metrics, room stats. */
package org.roomhub.hub.observe;
