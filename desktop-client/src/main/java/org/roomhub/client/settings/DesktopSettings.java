package org.roomhub.client.settings;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.ArrayList;
import java.util.List;
import org.roomhub.client.ui.fleet.Alert;
import org.roomhub.client.ui.fleet.AlertRule;

/**
 * What the desktop remembers between runs, alert history included. Pinned certificates stay in their own file
 * ({@code known-hubs}, see {@code KnownHubs}); everything else is here. Unknown fields in the file
 * are ignored (an older app reading a newer file); missing ones take their defaults.
 *
 * @param recentHubs  hubs connected to, newest first, with their tokens
 * @param name        display name, or null for the login name
 * @param transport   {@code WEBSOCKET}, {@code SSE} or {@code POLLING}, or null
 * @param window      where the window was and how big, or null
 * @param selectedTab the tab shown last
 * @param chartWindow the metrics charts' span ({@code ONE_MINUTE}, …), or null
 * @param alertRules  the fleet's alert rules, or null for the defaults
 * @param alertSound  whether a new alert beeps
 * @param alertHistory the fleet's alert list, firing and resolved, newest first, at most {@value #ALERT_HISTORY_LIMIT}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DesktopSettings(List<RecentHub> recentHubs, String name, String transport, WindowPlace window, int selectedTab,
        String chartWindow, List<AlertRule> alertRules, boolean alertSound, List<Alert> alertHistory) {

    /** How many recent hubs are kept. */
    public static final int RECENT_LIMIT = 10;
    /** How many alerts are kept across runs (newest first); a year of a few alerts a day fits, a storm is cut. */
    public static final int ALERT_HISTORY_LIMIT = 200;

    /** Fills in missing lists. */
    public DesktopSettings {
        recentHubs = recentHubs == null ? List.of() : List.copyOf(recentHubs);
        alertRules = alertRules == null ? null : List.copyOf(alertRules);
        alertHistory = alertHistory == null ? List.of() : List.copyOf(alertHistory.subList(0, Math.min(alertHistory.size(), ALERT_HISTORY_LIMIT)));
    }

    /** A first run's settings. */
    public static DesktopSettings defaults() {
        return new DesktopSettings(List.of(), null, null, null, 0, null, null, false, List.of());
    }

    /** These settings with {@code hub} first among the recent hubs (replacing an older entry of the same address). */
    public DesktopSettings withRecent(RecentHub hub) {
        List<RecentHub> list = new ArrayList<>();
        list.add(hub);
        recentHubs.stream().filter(h -> !h.url().equals(hub.url())).limit(RECENT_LIMIT - 1).forEach(list::add);
        return new DesktopSettings(list, name, transport, window, selectedTab, chartWindow, alertRules, alertSound, alertHistory);
    }

    /**
     * A hub connected to before.
     *
     * @param url   its address as typed
     * @param token the token used, or empty
     */
    public record RecentHub(String url, String token) {}

    /**
     * The window's place and size on screen.
     *
     * @param x      left edge
     * @param y      top edge
     * @param width  width
     * @param height height
     */
    public record WindowPlace(double x, double y, double width, double height) {}
}
