package org.roomhub.client;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.roomhub.agent.AgentSettings;
import org.roomhub.client.net.TransportKind;
import org.roomhub.protocol.value.RoomAddress;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The jar's entry point. A plain class, not an {@code Application}: started from the classpath,
 * a main class extending {@code Application} fails with "JavaFX runtime components are missing".
 */
@Command(name = "roomhub-desktop", mixinStandardHelpOptions = true, version = "Roomhub desktop 0.1",
        description = "Watch your machines' metrics, chat, share a map, and see room objects at work.")
public final class Launcher implements Callable<Integer> {

    @Option(names = "--hub", paramLabel = "URL", description = "Hub to join, e.g. http://192.168.1.5:7070; several URLs of one hub (cluster members), comma-separated, are tried in turn and failed over to. Without it the app runs its own hub on loopback.")
    String hub;

    @Option(names = "--token", description = "Credential for a hub that requires one.")
    String token;

    @Option(names = "--name", description = "Your display name (default: the one you used last, else your login name).")
    String name;

    @Option(names = "--room", description = "Chat and map room name (default: ${DEFAULT-VALUE}).")
    String room = "lobby";

    @Option(names = "--transport", paramLabel = "KIND",
            description = "How rooms are reached: ${COMPLETION-CANDIDATES} (default: the one you used last, else websocket); the connection bar can change it.")
    TransportKind transport;

    @Option(names = "--render", paramLabel = "VIEW", description = "Render one view (${COMPLETION-CANDIDATES}) to --out with no display, then exit.")
    View render;

    @Option(names = "--scenario", paramLabel = "NAME",
            description = "With --render architecture: run this lab scenario (transports, hibernation, slow-consumer, burst, sampling, inspector, auth, crash, failover) on the hub until it has real figures, then render.")
    String scenario;

    @Option(names = "--out", paramLabel = "FILE.png", description = "Where --render writes its picture.")
    Path out;

    @Option(names = "--size", paramLabel = "WxH", description = "Window size (default: ${DEFAULT-VALUE}).")
    String size = "1280x800";

    @Option(names = "--fleet-hosts", paramLabel = "N",
            description = "With --render fleet on the app's own hub: how many synthetic hosts publish (default: ${DEFAULT-VALUE}).")
    int fleetHosts = FleetDemo.DEFAULT_HOSTS;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "How long --render waits for live data (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds = 30;

    @Option(names = "--host-name", paramLabel = "NAME",
            description = "Name this machine's metrics are published as, in room metrics/NAME (default: the OS host name, ${DEFAULT-VALUE})."
                    + " Give two instances on one machine different names.")
    String hostName = AgentSettings.hostRoomName();

    @Option(names = "--no-publish", description = "Do not publish this machine's metrics.")
    boolean noPublish;

    /** Runs the command line. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new Launcher()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (render != null && out == null) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--render needs --out FILE.png");
        }
        org.roomhub.client.lab.ScenarioKind labScenario = null;
        if (scenario != null) {
            if (render != View.ARCHITECTURE) {
                throw new CommandLine.ParameterException(new CommandLine(this), "--scenario needs --render architecture");
            }
            labScenario = org.roomhub.client.lab.ScenarioKind.byId(scenario).orElseThrow(() -> new CommandLine.ParameterException(
                    new CommandLine(this), "no lab scenario '" + scenario + "'; there are: " + java.util.Arrays.stream(
                            org.roomhub.client.lab.ScenarioKind.values()).map(org.roomhub.client.lab.ScenarioKind::id).toList()));
            // a scenario needs time to measure; crash starts a hub JVM three times, failover a three-member cluster
            timeoutSeconds = Math.max(timeoutSeconds, switch (labScenario) {
                case CRASH -> 600; // three hub JVM starts: over a minute each at load 30
                case FAILOVER -> 900;
                case SLOW_CONSUMER -> 420; // the stream runs until the hub closes the stalled reader, then the metrics half
                default -> 90;
            });
        }
        if (render != null) {
            Headless.configure();
        }
        int[] wh = parseSize(size);
        String localHost = checkedHostName();
        EmbeddedHub embedded = hub == null ? EmbeddedHub.start(AppDataDir.current()) : null;
        String hubUrl = embedded != null ? embedded.url() : hub;
        try {
            String dataFolder = embedded != null ? AppDataDir.current().toString() : "kept by the hub at " + hubUrl + " (this app stores nothing)";
            // The publisher is one of the app's connections: it follows the connection bar (token, hub, Reconnect).
            AppSession session = new AppSession(hubUrl, token, name != null ? name : System.getProperty("user.name", "me"), room,
                    transport != null ? transport : TransportKind.WEBSOCKET, localHost, !noPublish, wh[0], wh[1], dataFolder);
            return render != null ? new RenderJob(session, render, out, timeoutSeconds, embedded != null, labScenario).fleetHosts(fleetHosts).run()
                    : runWindow(session, name != null, transport != null);
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    /** A window for a person: settings kept in the config folder; the command line's name and transport win over saved ones. */
    private static int runWindow(AppSession session, boolean nameGiven, boolean transportGiven) throws InterruptedException {
        CountDownLatch closed = new CountDownLatch(1);
        javafx.application.Platform.startup(() -> {
            javafx.stage.Stage stage = new javafx.stage.Stage();
            // A person's window reopens each room's map where they left it.
            DesktopApp app = session.newApp(org.roomhub.client.ui.map.ViewportStore.preferences());
            app.useSettings(org.roomhub.client.settings.SettingsStore.standard(), nameGiven, transportGiven);
            stage.setOnHidden(e -> {
                app.close();
                closed.countDown();
            });
            app.show(stage, session.width(), session.height());
        });
        closed.await();
        javafx.application.Platform.exit();
        return 0;
    }

    /** {@code --host-name} as a room name, or a usage error saying what is wrong with it. */
    String checkedHostName() {
        if (!RoomAddress.isValidName(hostName)) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "--host-name must be 1–64 characters of A-Z a-z 0-9 . _ - (got '" + hostName + "')");
        }
        return hostName;
    }

    static int[] parseSize(String text) {
        String[] parts = text.toLowerCase(java.util.Locale.ROOT).split("x");
        if (parts.length != 2) {
            throw new IllegalArgumentException("size must be WIDTHxHEIGHT, e.g. 1280x800");
        }
        return new int[] {Integer.parseInt(parts[0].strip()), Integer.parseInt(parts[1].strip())};
    }
}
