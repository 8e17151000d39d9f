package org.roomhub.client.net;

/** What a link tells its owner: decoded frames and state changes, one call at a time, on network threads. */
interface LinkListener<F> {

    /** One decoded frame. */
    void onFrame(F frame);

    /** The state moved; {@code detail} says why when there is a reason. */
    void onState(ConnectionState state, String detail);
}
