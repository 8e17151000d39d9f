package org.roomhub.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppDataDirTest {

    @Test
    void linux_uses_xdg_data_home_when_set_and_local_share_otherwise() {
        Path home = Path.of("/home/ann");
        assertThat(AppDataDir.resolve(Map.of("XDG_DATA_HOME", "/data"), "Linux", home)).isEqualTo(Path.of("/data/roomhub"));
        assertThat(AppDataDir.resolve(Map.of(), "Linux", home)).isEqualTo(Path.of("/home/ann/.local/share/roomhub"));
    }

    @Test
    void windows_uses_appdata_and_mac_application_support() {
        assertThat(AppDataDir.resolve(Map.of("APPDATA", "C:/Users/ann/AppData/Roaming"), "Windows 11", Path.of("C:/Users/ann")))
                .isEqualTo(Path.of("C:/Users/ann/AppData/Roaming", "Roomhub"));
        assertThat(AppDataDir.resolve(Map.of(), "Mac OS X", Path.of("/Users/ann")))
                .isEqualTo(Path.of("/Users/ann/Library/Application Support/Roomhub"));
    }
}
