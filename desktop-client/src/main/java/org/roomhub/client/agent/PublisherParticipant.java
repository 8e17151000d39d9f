package org.roomhub.client.agent;

import org.roomhub.client.net.HubClient;
import org.roomhub.client.ui.common.HubParticipant;
import org.roomhub.client.ui.common.SessionSettings;

/**
 * This machine's metrics publisher as one of the app's connections: it follows the connection bar
 * like the tabs do, so a token typed in the window, another hub or Reconnect re-make it too.
 */
public final class PublisherParticipant implements HubParticipant {

    private MetricsPublisher publisher;

    @Override
    public void attach(HubClient hub, SessionSettings session) {
        detach();
        publisher = MetricsPublisher.start(hub, session.localHost());
    }

    @Override
    public void detach() {
        if (publisher != null) {
            publisher.close();
            publisher = null;
        }
    }

    /** The publisher running now, or null while disconnected. */
    public MetricsPublisher current() {
        return publisher;
    }
}
