package org.roomhub.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roomhub.hub.config.HubConfig;
import picocli.CommandLine;

/** {@code --config FILE} and {@code --print-config}, through the hub's real command line (nothing is started). */
class ConfigFileTest {

    @TempDir
    Path dir;

    /** One run of the command line: its exit status, output, errors, the settings it would start with. */
    record Run(int status, String out, String err, HubCommand command, HubConfig settings) {}

    Run run(String... args) {
        HubCommand command = new HubCommand();
        AtomicReference<HubConfig> settings = new AtomicReference<>();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = new CommandLine(command).setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
        boolean printing = java.util.Arrays.asList(args).contains("--print-config");
        if (!printing) {
            command.settingsOnly = settings::set;
        }
        int status = cmd.execute(HubConfigFile.withFileOptions(cmd, args));
        return new Run(status, out.toString(), err.toString(), command, settings.get());
    }

    Path file(String yaml) throws IOException {
        Path f = Files.createTempFile(dir, "hub", ".yaml");
        Files.writeString(f, yaml);
        return f;
    }

    @Test
    void the_command_line_wins_over_the_file_and_the_file_over_the_defaults() throws IOException {
        Path f = file("""
                port: 8080
                hibernate-after: 3s
                bind: 0.0.0.0
                rooms:
                  queue-capacity: 20000
                  min-broadcast-interval: 250ms
                transport:
                  heartbeat-interval: 15s
                """);
        Run r = run("--config", f.toString(), "--hibernate-after", "5s");

        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.command().port).isEqualTo(8080);
        assertThat(r.settings().rooms.hibernateAfter).isEqualTo(Duration.ofSeconds(5));
        assertThat(r.settings().network.bind).isEqualTo("0.0.0.0");
        assertThat(r.settings().rooms.queueCapacity).isEqualTo(20_000);
        assertThat(r.settings().rooms.minBroadcastInterval).isEqualTo(Duration.ofMillis(250));
        assertThat(r.settings().transport.heartbeatInterval).isEqualTo(Duration.ofSeconds(15));
        assertThat(r.settings().transport.heartbeatWindow).as("untouched settings keep their defaults")
                .isEqualTo(new HubConfig().transport.heartbeatWindow);
    }

    @Test
    void list_and_map_options_come_from_the_file_unless_the_command_line_gives_them() throws IOException {
        Path f = file("""
                cors-origin: [http://a.lan, http://b.lan]
                rate-limit: {chat: "600,1200", map: 100}
                limits:
                  rates:
                    metrics: {per-connection: 1000, per-user: 3000}
                """);
        Run fromFile = run("--config", f.toString());
        assertThat(fromFile.settings().http.corsOrigins).containsExactly("http://a.lan", "http://b.lan");
        assertThat(fromFile.settings().limits.rateOf("chat")).isEqualTo(new HubConfig.LimitsConfig.Rate(600, 1200));
        assertThat(fromFile.settings().limits.rateOf("map")).isEqualTo(new HubConfig.LimitsConfig.Rate(100, 200));
        assertThat(fromFile.settings().limits.rateOf("metrics")).isEqualTo(new HubConfig.LimitsConfig.Rate(1000, 3000));

        Run overridden = run("--config", f.toString(), "--cors-origin", "http://c.lan");
        assertThat(overridden.settings().http.corsOrigins).containsExactly("http://c.lan");
    }

    @Test
    void an_unknown_key_is_an_error_that_names_the_key() throws IOException {
        Run top = run("--config", file("prot: 8080\n").toString());
        assertThat(top.status()).isEqualTo(2);
        assertThat(top.err()).contains("unknown key 'prot'", "port", "rooms");

        Run nested = run("--config", file("rooms:\n  hibernate-aftr: 3s\n").toString());
        assertThat(nested.status()).isEqualTo(2);
        assertThat(nested.err()).contains("unknown key 'rooms.hibernate-aftr'", "queue-capacity");

        Run badValue = run("--config", file("transport:\n  heartbeat-window: soon\n").toString());
        assertThat(badValue.status()).isEqualTo(2);
        assertThat(badValue.err()).contains("transport.heartbeat-window", "500ms");

        Run code = run("--config", file("rooms:\n  extra-types: []\n").toString());
        assertThat(code.status()).as("room types are code, not settings").isEqualTo(2);
        assertThat(code.err()).contains("rooms.extra-types");
    }

    @Test
    void a_setting_an_option_owns_must_be_written_under_the_option_name() throws IOException {
        Run r = run("--config", file("rooms:\n  hibernate-after: 3s\n").toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("rooms.hibernate-after", "under the option's name");
    }

    @Test
    void print_config_shows_the_effective_settings_as_a_file_that_reads_back_the_same() throws IOException {
        Path f = file("""
                port: 8080
                cors-origin: [http://a.lan]
                limits:
                  connections-per-room: 77
                """);
        Run printed = run("--config", f.toString(), "--port", "9090", "--print-config");
        assertThat(printed.status()).as(printed.err()).isZero();
        assertThat(printed.out()).contains("port: 9090", "connections-per-room: 77", "hibernate-after: 10s",
                "heartbeat-interval: 20s", "- http://a.lan", "per-connection: 60000");

        Path again = file(printed.out());
        Run reprinted = run("--config", again.toString(), "--print-config");
        assertThat(reprinted.out()).isEqualTo(printed.out());
        Run settings = run("--config", again.toString());
        assertThat(settings.settings().http.corsOrigins).containsExactly("http://a.lan");
        assertThat(settings.settings().limits.connectionsPerRoom).isEqualTo(77);
    }
}
