package org.roomhub.client.ui.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.roomhub.client.ui.fleet.AlertRule.Comparison;

class AlertEngineTest {

    private final AlertEngine engine = new AlertEngine();

    @Test
    void a_figure_past_its_threshold_fires_only_after_the_rules_duration_and_resolves_when_it_drops() {
        engine.setRules(List.of(new AlertRule.Threshold("cpu.total", Comparison.ABOVE, 90, 60, "*")), 0);
        HostFigures web = new HostFigures("web-1", 0);
        web.add("cpu.total", 1_000, 97, 1_000);
        assertThat(engine.evaluate(List.of(web), 1_000)).isEmpty();
        web.add("cpu.total", 30_000, 95, 30_000);
        assertThat(engine.evaluate(List.of(web), 30_000)).isEmpty();
        web.add("cpu.total", 61_000, 99, 61_000);
        List<Alert> fired = engine.evaluate(List.of(web), 61_000);
        assertThat(fired).singleElement().satisfies(a -> {
            assertThat(a.firing()).isTrue();
            assertThat(a.host()).isEqualTo("web-1");
            assertThat(a.rule()).isEqualTo("cpu.total > 90 for 60 s on any host");
            assertThat(a.detail()).isEqualTo("cpu.total 99.0");
        });
        assertThat(engine.firingOn("web-1")).isEqualTo(1);
        assertThat(engine.evaluate(List.of(web), 62_000)).as("fires once").isEmpty();
        web.add("cpu.total", 63_000, 20, 63_000);
        assertThat(engine.evaluate(List.of(web), 63_000)).singleElement().satisfies(a -> {
            assertThat(a.firing()).isFalse();
            assertThat(a.firedAt()).isEqualTo(61_000);
            assertThat(a.resolvedAt()).isEqualTo(63_000);
        });
    }

    @Test
    void a_dip_below_the_threshold_restarts_the_duration() {
        engine.setRules(List.of(new AlertRule.Threshold("cpu.total", Comparison.ABOVE, 90, 10, "*")), 0);
        HostFigures web = new HostFigures("web-1", 0);
        web.add("cpu.total", 0, 95, 0);
        engine.evaluate(List.of(web), 0);
        web.add("cpu.total", 5_000, 50, 5_000);
        engine.evaluate(List.of(web), 5_000);
        web.add("cpu.total", 6_000, 95, 6_000);
        assertThat(engine.evaluate(List.of(web), 6_000)).isEmpty();
        assertThat(engine.evaluate(List.of(web), 12_000)).as("10 s since the first breach, but only 6 since the dip").isEmpty();
        assertThat(engine.evaluate(List.of(web), 16_000)).hasSize(1);
    }

    @Test
    void a_disk_rule_with_a_pattern_looks_at_the_fullest_file_system_of_matching_hosts_only() {
        engine.setRules(List.of(new AlertRule.Threshold("fs.used.*", Comparison.ABOVE, 95, 0, "db-*")), 0);
        HostFigures db = new HostFigures("db-1", 0);
        db.add("fs.used./", 0, 40, 0);
        db.add("fs.used./var", 0, 97.5, 0);
        HostFigures web = new HostFigures("web-1", 0);
        web.add("fs.used./", 0, 99, 0);
        assertThat(engine.evaluate(List.of(db, web), 0)).singleElement().satisfies(a -> {
            assertThat(a.host()).isEqualTo("db-1");
            assertThat(a.detail()).isEqualTo("fs.used./var 97.5");
        });
    }

    @Test
    void a_host_that_stops_publishing_raises_a_silence_alert_which_resolves_when_it_speaks_again() {
        engine.setRules(List.of(new AlertRule.Silence(30, "*")), 0);
        HostFigures backup = new HostFigures("backup-1", 0);
        backup.add("cpu.total", 1_000, 5, 1_000);
        assertThat(engine.evaluate(List.of(backup), 30_000)).isEmpty();
        assertThat(engine.evaluate(List.of(backup), 31_000)).singleElement()
                .satisfies(a -> assertThat(a.detail()).isEqualTo("no figures for 30 s"));
        backup.add("cpu.total", 40_000, 5, 40_000);
        assertThat(engine.evaluate(List.of(backup), 40_000)).singleElement().satisfies(a -> assertThat(a.firing()).isFalse());
    }

    @Test
    void removing_a_rule_resolves_its_alerts() {
        AlertRule rule = new AlertRule.Silence(1, "*");
        engine.setRules(List.of(rule), 0);
        engine.evaluate(List.of(new HostFigures("h", 0)), 5_000);
        assertThat(engine.setRules(List.of(), 6_000)).singleElement().satisfies(a -> assertThat(a.resolvedAt()).isEqualTo(6_000));
        assertThat(engine.firingOn("h")).isZero();
    }

    @Test
    void a_pattern_matches_any_characters_at_its_stars_and_every_other_character_literally() {
        assertThat(AlertRule.metricMatches("fs.used.*", "fs.used./var/lib")).isTrue();
        assertThat(AlertRule.metricMatches("fs.used.*", "fs.used.")).isTrue();
        assertThat(AlertRule.metricMatches("fs.used.*", "fsXusedX/")).as("a dot is a dot").isFalse();
        assertThat(AlertRule.metricMatches("fs.used.*", "cpu.fs.used./")).as("the whole name must match").isFalse();
        assertThat(AlertRule.metricMatches("cpu.total", "cpu.total")).isTrue();
        assertThat(AlertRule.metricMatches("cpu.total", "cpu.total2")).isFalse();
        assertThat(AlertRule.metricMatches("*.in", "net.in")).isTrue();
        assertThat(AlertRule.metricMatches("a*b*c", "aXbYbc")).isTrue();
        assertThat(AlertRule.metricMatches("a*b*c", "aXbYbcd")).isFalse();
        assertThat(AlertRule.metricMatches("proc.cpu.(java)*", "proc.cpu.(java)-17")).as("regex characters are literal").isTrue();
        AlertRule dbHosts = new AlertRule.Silence(30, "db-*");
        assertThat(dbHosts.appliesTo("db-1")).isTrue();
        assertThat(dbHosts.appliesTo("db-")).isTrue();
        assertThat(dbHosts.appliesTo("web-db-1")).isFalse();
        assertThat(new AlertRule.Silence(30, "*-eu-*").appliesTo("web-eu-2")).isTrue();
        assertThat(new AlertRule.Silence(30, "").appliesTo("anything")).as("no pattern: any host").isTrue();
        assertThat(new AlertRule.Silence(30, "web-1").appliesTo("web-10")).isFalse();
    }

    @Test
    void the_rule_editor_says_what_is_wrong_in_words() {
        assertThat(RuleForm.read(false, "cpu.total", true, "ninety", "60", "").problem()).isEqualTo("\"ninety\" is not a number: type the threshold, e.g. 90.");
        assertThat(RuleForm.read(false, "", true, "90", "60", "").problem()).startsWith("A rule needs a metric name");
        assertThat(RuleForm.read(true, "", true, "", "0", "").problem()).startsWith("A silence rule needs a number of seconds");
        assertThat(RuleForm.read(false, "cpu.total", true, "90", "1 min", "").problem()).contains("not a whole number of seconds");
        assertThat(RuleForm.read(false, "cpu.total", true, "90", "60", "web 1").problem()).startsWith("Hosts:");
        assertThat(RuleForm.read(false, "fs.used.*", true, "95,5", "", "db-*").rule())
                .isEqualTo(new AlertRule.Threshold("fs.used.*", Comparison.ABOVE, 95.5, 0, "db-*"));
    }

    @Test
    void a_card_line_keeps_readings_in_time_order_and_a_resent_reading_replaces_the_first() {
        Spark spark = new Spark();
        spark.add(3_000, 30);
        spark.add(1_000, 10); // history arriving after the first live reading
        spark.add(2_000, 20);
        spark.add(3_000, 31); // re-sent after a reconnect
        assertThat(spark.size()).isEqualTo(3);
        assertThat(List.of(spark.value(0), spark.value(1), spark.value(2))).containsExactly(10.0, 20.0, 31.0);
        for (int i = 0; i < Spark.CAPACITY + 10; i++) {
            spark.add(10_000 + i, i);
        }
        assertThat(spark.size()).isEqualTo(Spark.CAPACITY);
        assertThat(spark.last()).isEqualTo(Spark.CAPACITY + 9);
    }
}
