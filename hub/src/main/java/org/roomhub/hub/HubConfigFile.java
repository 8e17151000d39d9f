package org.roomhub.hub;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.roomhub.hub.config.ConfigFile;
import org.roomhub.hub.config.HubConfig;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/** Ties {@link ConfigFile} to {@link HubCommand}: file options before the real arguments, checks, {@code --print-config}. */
final class HubConfigFile {

    /** Set while a probe command computes settings: probes check nothing (the check itself runs probes). */
    private static final ThreadLocal<Boolean> PROBING = ThreadLocal.withInitial(() -> false);

    private HubConfigFile() {}

    /**
     * {@code args} with the options of the {@code --config} file put in front, leaving out the options the
     * command line itself gives (so those win). Any problem with the file is left for {@link #load} to report.
     */
    static String[] withFileOptions(CommandLine cmd, String[] args) {
        try {
            ParseResult parsed = cmd.parseArgs(args);
            if (parsed.subcommand() != null || !parsed.hasMatchedOption("--config")) {
                return args;
            }
            Path path = parsed.matchedOptionValue("--config", null);
            Set<String> given = parsed.matchedOptions().stream()
                    .map(o -> o.longestName().replaceFirst("^-+", ""))
                    .collect(Collectors.toSet());
            List<String> all = new ArrayList<>(ConfigFile.read(path, cmd.getCommandSpec()).optionArgs(given));
            all.addAll(List.of(args));
            return all.toArray(String[]::new);
        } catch (ParameterException | IllegalArgumentException e) {
            return args;
        }
    }

    /** The command's {@code --config} file, read and checked; {@code null} without one. */
    static ConfigFile load(HubCommand cmd) {
        if (cmd.config == null) {
            return null;
        }
        try {
            ConfigFile file = ConfigFile.read(cmd.config, cmd.spec);
            return file.withoutRepeats(settingsOf(file.optionArgs(Set.of())));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(cmd.spec.commandLine(), e.getMessage(), e);
        }
    }

    /** Applies the file's sections first, so the option settings that follow win. */
    static void applySections(ConfigFile file, HubConfig cfg) {
        if (file != null) {
            file.applySections(cfg);
        }
    }

    /**
     * Everything to do with settings before a hub starts: hands them to a check if one asked, refuses a file
     * whose section settings an option would silently replace, and prints them for {@code --print-config}.
     * Whether the command is done.
     */
    static boolean handled(HubCommand cmd, ConfigFile file, HubConfig effective) {
        if (PROBING.get()) {
            cmd.settingsOnly.accept(effective);
            return true;
        }
        if (file != null) {
            try {
                file.checkNotShadowed(fileOnly(file, cmd.config));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(cmd.spec.commandLine(), e.getMessage(), e);
            }
        }
        if (cmd.settingsOnly != null) {
            cmd.settingsOnly.accept(effective);
            return true;
        }
        if (cmd.printConfig) {
            cmd.spec.commandLine().getOut().print(ConfigFile.print(cmd.spec, effective));
            cmd.spec.commandLine().getOut().flush();
            return true;
        }
        return false;
    }

    /** The settings the file alone gives, as if the command line held nothing but {@code --config}. */
    private static HubConfig fileOnly(ConfigFile file, Path path) {
        List<String> args = new ArrayList<>(file.optionArgs(Set.of()));
        args.add("--config=" + path);
        return settingsOf(args);
    }

    /** The settings a command line gives, without starting anything. */
    private static HubConfig settingsOf(List<String> args) {
        HubCommand alone = new HubCommand();
        AtomicReference<HubConfig> settings = new AtomicReference<>();
        alone.settingsOnly = settings::set;
        try {
            new CommandLine(alone).parseArgs(args.toArray(String[]::new));
        } catch (ParameterException e) {
            throw new IllegalArgumentException("in the config file: " + e.getMessage(), e);
        }
        boolean outer = PROBING.get();
        PROBING.set(true);
        try {
            alone.call();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            PROBING.set(outer);
        }
        return settings.get();
    }
}
