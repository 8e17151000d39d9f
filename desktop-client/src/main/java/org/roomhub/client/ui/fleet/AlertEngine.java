package org.roomhub.client.ui.fleet;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Judges every host against every rule and says which alerts start and which end. Plain Java,
 * called with the time so tests need no clock; the fleet view-model calls it a few times a second
 * (coalesced, not per reading), on the FX thread where the figures live. A rule that must hold for
 * a while fires once it has held that long; it resolves as soon as it no longer holds.
 */
public final class AlertEngine {

    private record Key(AlertRule rule, String host) {}

    private List<AlertRule> rules = List.of();
    private final Map<Key, Long> breakingSince = new HashMap<>();
    private final Map<Key, Alert> firing = new HashMap<>();

    /** Uses {@code rules} from now on; alerts of rules no longer present resolve at {@code now}. */
    public List<Alert> setRules(List<AlertRule> newRules, long now) {
        rules = List.copyOf(newRules);
        breakingSince.keySet().removeIf(k -> !rules.contains(k.rule()));
        List<Alert> changes = new ArrayList<>();
        firing.entrySet().removeIf(e -> {
            if (rules.contains(e.getKey().rule())) {
                return false;
            }
            changes.add(e.getValue().resolved(now));
            return true;
        });
        return changes;
    }

    /**
     * Takes over {@code alert}, fired under {@code rule} in an earlier run: it stays firing (no second
     * alert) until {@code rule} no longer breaks on its host.
     */
    public void adopt(AlertRule rule, Alert alert) {
        Key key = new Key(rule, alert.host());
        firing.put(key, alert);
        breakingSince.put(key, alert.firedAt());
    }

    /** The rules in use. */
    public List<AlertRule> rules() {
        return rules;
    }

    /** Alerts that started (resolvedAt 0) or ended (resolvedAt set) since the last call. */
    public List<Alert> evaluate(Collection<HostFigures> hosts, long now) {
        List<Alert> changes = new ArrayList<>();
        for (HostFigures host : hosts) {
            for (AlertRule rule : rules) {
                if (!rule.appliesTo(host.host())) {
                    continue;
                }
                Key key = new Key(rule, host.host());
                String breach = breach(rule, host, now);
                Alert current = firing.get(key);
                if (breach == null) {
                    breakingSince.remove(key);
                    if (current != null) {
                        firing.remove(key);
                        changes.add(current.resolved(now));
                    }
                    continue;
                }
                long since = breakingSince.computeIfAbsent(key, k -> now);
                long needed = rule instanceof AlertRule.Threshold t ? t.seconds() * 1000 : 0;
                if (current == null && now - since >= needed) {
                    Alert alert = new Alert(rule.describe(), host.host(), breach, now, 0);
                    firing.put(key, alert);
                    changes.add(alert);
                }
            }
        }
        return changes;
    }

    /** How many alerts fire on {@code host}. */
    public int firingOn(String host) {
        int n = 0;
        for (Key k : firing.keySet()) {
            n += k.host().equals(host) ? 1 : 0;
        }
        return n;
    }

    /** What breaks {@code rule} on {@code host} now, in words, or null when nothing does. */
    private static String breach(AlertRule rule, HostFigures host, long now) {
        if (rule instanceof AlertRule.Silence s) {
            long quiet = now - host.lastHeard();
            return quiet >= s.seconds() * 1000 ? "no figures for " + quiet / 1000 + " s" : null;
        }
        AlertRule.Threshold t = (AlertRule.Threshold) rule;
        String worstName = null;
        double worst = Double.NaN;
        for (Map.Entry<String, HostFigures.Latest> e : host.latest().entrySet()) {
            double v = e.getValue().value();
            if (AlertRule.metricMatches(t.metric(), e.getKey()) && t.breaks(v)
                    && (worstName == null || (t.comparison() == AlertRule.Comparison.ABOVE ? v > worst : v < worst))) {
                worstName = e.getKey();
                worst = v;
            }
        }
        return worstName == null ? null : worstName + " " + String.format(Locale.ROOT, "%.1f", worst);
    }
}
