package org.roomhub.client.ui.fleet;

/**
 * One alert: a rule broken on a host, from {@code firedAt} until {@code resolvedAt} (0 while it fires).
 *
 * @param rule       the rule in words
 * @param host       the host
 * @param detail     what was seen when it fired, e.g. {@code cpu.total 97.2}
 * @param firedAt    epoch ms
 * @param resolvedAt epoch ms, or 0 while firing
 */
public record Alert(String rule, String host, String detail, long firedAt, long resolvedAt) {

    /** Whether it still fires. */
    public boolean firing() {
        return resolvedAt == 0;
    }

    /** The same alert, resolved at {@code at}. */
    Alert resolved(long at) {
        return new Alert(rule, host, detail, firedAt, at);
    }
}
