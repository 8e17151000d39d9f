package org.roomhub.client.ui.fleet;

/** Reads a rule from the editor's text fields, or says in words what is wrong with them. */
final class RuleForm {

    /** A rule, or the reason there is none. */
    record Result(AlertRule rule, String problem) {}

    private RuleForm() {}

    /**
     * @param silence   a silence rule (metric, comparison and threshold are ignored)
     * @param metric    metric name or glob, e.g. {@code cpu.total}, {@code fs.used.*}
     * @param above     {@code >} when true, else {@code <}
     * @param threshold a number
     * @param seconds   whole seconds
     * @param hosts     host glob, empty for any host
     */
    static Result read(boolean silence, String metric, boolean above, String threshold, String seconds, String hosts) {
        long secs;
        try {
            secs = Long.parseLong(seconds == null || seconds.isBlank() ? "0" : seconds.strip());
        } catch (NumberFormatException e) {
            return new Result(null, "\"" + seconds + "\" is not a whole number of seconds.");
        }
        String pattern = hosts == null ? "" : hosts.strip();
        if (!pattern.matches("[A-Za-z0-9._*-]*")) {
            return new Result(null, "Hosts: a host name or pattern of A-Z a-z 0-9 . _ - and * (\"web-*\"), or empty for any host.");
        }
        try {
            if (silence) {
                return new Result(new AlertRule.Silence(secs, pattern), null);
            }
            double limit;
            try {
                limit = Double.parseDouble(threshold == null ? "" : threshold.strip().replace(',', '.'));
            } catch (NumberFormatException e) {
                return new Result(null, "\"" + threshold + "\" is not a number: type the threshold, e.g. 90.");
            }
            return new Result(new AlertRule.Threshold(metric == null ? "" : metric, above ? AlertRule.Comparison.ABOVE : AlertRule.Comparison.BELOW,
                    limit, secs, pattern), null);
        } catch (IllegalArgumentException e) {
            String m = e.getMessage();
            return new Result(null, Character.toUpperCase(m.charAt(0)) + m.substring(1) + ".");
        }
    }
}
