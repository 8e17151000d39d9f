package org.roomhub.client.net;

import java.util.List;

/**
 * The hub URLs one client may use (a {@link HubEndpoint} with alternates: {@code --hub URL1,URL2}),
 * and which of them its links use now. Every link of the client asks {@link #current()} at each
 * attempt; a link whose attempt failed calls {@link #failover}, which moves on only if nobody moved
 * already, so fifty rooms losing one hub at once move one step, not fifty.
 */
final class HubAddresses {

    private final List<HubEndpoint> all;
    private int current;

    HubAddresses(HubEndpoint endpoint) {
        this.all = endpoint.each();
    }

    /** The URL links use now. */
    synchronized HubEndpoint current() {
        return all.get(current);
    }

    /** How many URLs there are to try. */
    int size() {
        return all.size();
    }

    /**
     * An attempt on {@code failed} failed: when it is still the current URL, the next one in turn
     * becomes current. Returns the URL to try next.
     */
    synchronized HubEndpoint failover(HubEndpoint failed) {
        if (all.size() > 1 && all.get(current).equals(failed)) {
            current = (current + 1) % all.size();
        }
        return all.get(current);
    }
}
