package org.roomhub.client.net;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Asks a hub once whether this client may use it ({@code GET /api/rooms} with the token), before the
 * app switches every connection over: the "Connect to hub" dialog says what is wrong instead of
 * leaving the tabs retrying.
 */
public final class HubProbe {

    private HubProbe() {}

    /**
     * Null when the hub answered, else what is wrong in words; never fails. Of several URLs, the first
     * that answers (even with a refusal) is the one asked, and the client's links start there.
     */
    public static CompletableFuture<String> problem(HubClient client) {
        return ask(client, client.endpoint().each().size());
    }

    private static CompletableFuture<String> ask(HubClient client, int triesLeft) {
        HubEndpoint asked = client.current();
        return client.rooms().handle((rooms, error) -> error).thenCompose(error -> {
            if (error == null) {
                return CompletableFuture.completedFuture(null);
            }
            Throwable e = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            boolean unreachable = !(e instanceof HubRequestException) && HubCertificateChangedException.in(e).isEmpty();
            if (unreachable && triesLeft > 1) {
                client.failover(asked);
                return ask(client, triesLeft - 1);
            }
            return CompletableFuture.completedFuture(words(error, client.endpoint()));
        });
    }

    /** What {@code error} from asking the hub at {@code endpoint} means for the user. */
    static String words(Throwable error, HubEndpoint endpoint) {
        Throwable e = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        var changed = HubCertificateChangedException.in(e);
        if (changed.isPresent()) {
            return "Certificate changed: " + changed.get().getMessage();
        }
        if (e instanceof HubRequestException r && r.status() == 401) {
            return "This hub needs a token (HTTP 401): paste the one its admin gave you (roomhub-hub token …).";
        }
        if (e instanceof HubRequestException r && r.status() == 403) {
            return "The hub refused the token (HTTP 403): it is invalid, expired, from another hub, or lacks the rooms. Check it and try again.";
        }
        if (e instanceof HubRequestException r) {
            return "The hub at " + endpoint.display() + " answered HTTP " + r.status() + " (is it a Roomhub hub?).";
        }
        String why = FailureWords.of(e);
        return why.startsWith("hub unreachable")
                ? "Nothing answers at " + endpoint.display() + " (hub unreachable): check the address and that the hub runs."
                : "Could not reach " + endpoint.display() + ": " + why + ".";
    }
}
