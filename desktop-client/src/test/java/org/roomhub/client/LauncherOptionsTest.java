package org.roomhub.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.roomhub.agent.AgentSettings;
import picocli.CommandLine;

class LauncherOptionsTest {

    private static Launcher parse(String... args) {
        Launcher launcher = new Launcher();
        new CommandLine(launcher).parseArgs(args);
        return launcher;
    }

    @Test
    void two_instances_on_one_machine_can_publish_under_different_host_names() {
        assertThat(parse("--host-name", "lab-2").checkedHostName()).isEqualTo("lab-2");
        assertThat(parse("--host-name", "lab-3").checkedHostName()).isEqualTo("lab-3");
    }

    @Test
    void without_the_option_the_os_host_name_is_used() {
        assertThat(parse().checkedHostName()).isEqualTo(AgentSettings.hostRoomName());
    }

    @Test
    void a_host_name_that_is_no_room_name_is_refused_in_words() {
        assertThatThrownBy(() -> parse("--host-name", "my box!").checkedHostName())
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("--host-name must be 1–64 characters");
    }

    @Test
    void help_lists_the_host_name_option() {
        assertThat(new CommandLine(new Launcher()).getUsageMessage()).contains("--host-name=NAME", "metrics/NAME");
    }
}
