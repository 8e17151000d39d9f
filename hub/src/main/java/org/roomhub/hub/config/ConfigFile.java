package org.roomhub.hub.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The hub's {@code --config FILE}: a YAML mapping whose top-level keys are either command-line options
 * by their long name ({@code port: 7070}, {@code cors-origin: [a, b]}) or sections of {@link HubConfig}
 * ({@code rooms: {queue-capacity: 20000}}). Options and settings are found by reflection (the command's
 * picocli model, Jackson over {@code HubConfig}), so a new option or setting needs no change here.
 * Options from the file are handed to picocli as if typed before the real arguments, so the command
 * line wins and every option keeps its own parsing and checks.
 */
public final class ConfigFile {

    /** Options that steer the file itself or only print: never read from a file. */
    private static final Set<String> NOT_FROM_FILE = Set.of("config", "print-config", "help", "version");

    private static final YAMLMapper MAPPER = ConfigMapper.create();

    private final Path file;
    private final Map<String, JsonNode> options = new LinkedHashMap<>();
    private final ObjectNode sections;

    private ConfigFile(Path file, ObjectNode sections) {
        this.file = file;
        this.sections = sections;
    }

    /**
     * Reads {@code file}, sorting its keys into options of {@code command} and settings sections.
     *
     * @throws IllegalArgumentException naming the file and key when it cannot be read or holds an unknown key
     */
    public static ConfigFile read(Path file, CommandSpec command) {
        JsonNode root;
        try {
            root = MAPPER.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read config file " + file + ": " + firstLine(e));
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            root = MAPPER.createObjectNode();
        }
        if (!root.isObject()) {
            throw new IllegalArgumentException("config file " + file + " must be a mapping of keys to values");
        }
        Set<String> sectionNames = sectionNames();
        ConfigFile config = new ConfigFile(file, MAPPER.createObjectNode());
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            OptionSpec option = command.findOption("--" + key);
            if (option != null && !NOT_FROM_FILE.contains(key)) {
                config.options.put(key, e.getValue());
            } else if (sectionNames.contains(key)) {
                config.sections.set(key, e.getValue());
            } else {
                throw new IllegalArgumentException("unknown key '" + key + "' in config file " + file + "; known: the options "
                        + optionNames(command) + " and the sections " + sectionNames);
            }
        }
        // Check the sections now, so a typo is reported before anything starts.
        config.applySections(new HubConfig());
        return config;
    }

    /**
     * The file's options as command-line arguments, leaving out those {@code given} on the real command line
     * (which win). A list becomes the option repeated; a mapping becomes {@code --opt=key=value} per entry.
     */
    public List<String> optionArgs(Set<String> given) {
        List<String> args = new ArrayList<>();
        options.forEach((key, value) -> {
            if (given.contains(key) || value.isNull()) {
                return;
            }
            if (value.isArray()) {
                value.forEach(item -> args.add("--" + key + "=" + scalar(key, item)));
            } else if (value.isObject()) {
                value.fields().forEachRemaining(entry -> args.add("--" + key + "=" + entry.getKey() + "=" + scalar(key, entry.getValue())));
            } else if (value.isBoolean()) {
                // A flag: present when true. Arity-0 booleans take no value on the command line.
                if (value.asBoolean()) {
                    args.add("--" + key);
                }
            } else {
                args.add("--" + key + "=" + scalar(key, value));
            }
        });
        return args;
    }

    private String scalar(String key, JsonNode value) {
        if (!value.isValueNode()) {
            throw new IllegalArgumentException("option '" + key + "' in config file " + file + " takes plain values, not " + value);
        }
        return value.asText();
    }

    /** Merges the file's sections into {@code config}: named settings change, the rest keep their values. */
    public HubConfig applySections(HubConfig config) {
        try {
            MAPPER.readerForUpdating(config).readValue(MAPPER.treeAsTokens(sections));
        } catch (UnrecognizedPropertyException e) {
            throw new IllegalArgumentException("unknown key '" + path(e) + "' in config file " + file + "; known there: "
                    + e.getKnownPropertyIds().stream().map(String::valueOf).sorted().collect(Collectors.joining(", ")));
        } catch (JsonMappingException e) {
            throw new IllegalArgumentException("bad value for '" + path(e) + "' in config file " + file + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read config file " + file + ": " + firstLine(e));
        }
        return config;
    }

    /**
     * This file without the section settings that only repeat what its options already give
     * ({@code optionsOnly}: the settings from the file's options alone). {@code --print-config} writes both
     * an option and the setting it lands in; reading that back must not apply the value twice.
     */
    public ConfigFile withoutRepeats(HubConfig optionsOnly) {
        ConfigFile pruned = new ConfigFile(file, sections.deepCopy());
        pruned.options.putAll(options);
        JsonNode canonical = MAPPER.valueToTree(applySections(new HubConfig()));
        prune(pruned.sections, canonical, MAPPER.valueToTree(optionsOnly));
        return pruned;
    }

    private static void prune(ObjectNode written, JsonNode canonical, JsonNode optionsOnly) {
        for (Iterator<Map.Entry<String, JsonNode>> it = written.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode c = canonical.path(e.getKey());
            JsonNode o = optionsOnly.path(e.getKey());
            if (e.getValue() instanceof ObjectNode child && c.isObject()) {
                prune(child, c, o);
                if (child.isEmpty()) {
                    it.remove();
                }
            } else if (c.equals(o)) {
                it.remove();
            }
        }
    }

    /**
     * Checks no section setting is silently replaced by an option: {@code fileOnly} is the configuration the
     * file gives when the command line adds nothing. A setting that also has an option must be written
     * under the option's name, or the option's default would win.
     */
    public void checkNotShadowed(HubConfig fileOnly) {
        JsonNode wanted = MAPPER.valueToTree(applySections(new HubConfig()));
        JsonNode got = MAPPER.valueToTree(fileOnly);
        List<String> shadowed = new ArrayList<>();
        compare("", sections, wanted, got, shadowed);
        if (!shadowed.isEmpty()) {
            throw new IllegalArgumentException("config file " + file + " sets " + String.join(", ", shadowed)
                    + ", which a command-line option also sets; write it under the option's name at the top level "
                    + "(see --help and --print-config)");
        }
    }

    private static void compare(String prefix, JsonNode written, JsonNode wanted, JsonNode got, List<String> out) {
        written.fields().forEachRemaining(e -> {
            String path = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
            JsonNode w = wanted.path(e.getKey());
            JsonNode g = got.path(e.getKey());
            if (e.getValue().isObject() && w.isObject()) {
                compare(path, e.getValue(), w, g, out);
            } else if (!w.equals(g)) {
                out.add(path);
            }
        });
    }

    /**
     * The effective settings as YAML, itself a valid config file: every option of {@code command} with its
     * value, then every section of {@code config}.
     */
    public static String print(CommandSpec command, HubConfig config) {
        ObjectNode root = MAPPER.createObjectNode();
        for (OptionSpec option : command.options()) {
            String key = option.longestName().replaceFirst("^-+", "");
            if (!NOT_FROM_FILE.contains(key)) {
                root.set(key, MAPPER.valueToTree(option.getValue()));
            }
        }
        root.setAll((ObjectNode) MAPPER.valueToTree(config));
        try {
            return "# Roomhub hub settings. Top-level keys are command-line options (the command line wins);\n"
                    + "# the sections below them are the remaining settings. Durations: 500ms, 10s, 1m, 1h.\n"
                    + MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot print the settings", e);
        }
    }

    /** The top-level sections of {@link HubConfig}, in kebab-case. */
    static Set<String> sectionNames() {
        Set<String> names = new TreeSet<>();
        MAPPER.valueToTree(new HubConfig()).fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static Set<String> optionNames(CommandSpec command) {
        Set<String> names = new TreeSet<>();
        for (OptionSpec o : command.options()) {
            String key = o.longestName().replaceFirst("^-+", "");
            if (!NOT_FROM_FILE.contains(key)) {
                names.add(key);
            }
        }
        return names;
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."));
    }

    private static String firstLine(Exception e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
