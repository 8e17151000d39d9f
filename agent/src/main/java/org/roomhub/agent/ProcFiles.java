package org.roomhub.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Linux counters read straight from {@code /proc}: one small file each for disks, network and
 * processes' CPU. OSHI's general path (udev for disks, several files per process) costs ten to a hundred
 * times more, which matters to an agent meant to use under 1 % of a core. Other systems use OSHI.
 */
final class ProcFiles {

    private static final Path PROC = Path.of("/proc");
    private static final Path SYS_BLOCK = Path.of("/sys/block");
    private static final long SECTOR = 512;

    private ProcFiles() {}

    /** Whether this machine has the files this class reads. */
    static boolean available() {
        return Files.isReadable(PROC.resolve("diskstats")) && Files.isReadable(PROC.resolve("net/dev")) && Files.isDirectory(SYS_BLOCK);
    }

    /** Whole disks (not partitions, loop or RAM devices), from {@code /sys/block}. */
    static Set<String> wholeDisks() {
        Set<String> disks = new TreeSet<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(SYS_BLOCK)) {
            for (Path p : dir) {
                String name = p.getFileName().toString();
                if (!name.startsWith("loop") && !name.startsWith("ram") && !name.startsWith("zram")) {
                    disks.add(name);
                }
            }
        } catch (IOException e) {
            // No disks then: the disk rates are left out.
        }
        return disks;
    }

    /** Bytes read and written since boot over {@code disks}, from {@code /proc/diskstats}. */
    static long[] diskBytes(Set<String> disks) throws IOException {
        long read = 0;
        long written = 0;
        for (String line : Files.readAllLines(PROC.resolve("diskstats"), StandardCharsets.US_ASCII)) {
            String[] f = line.trim().split("\\s+");
            if (f.length > 9 && disks.contains(f[2])) {
                read += Long.parseLong(f[5]) * SECTOR;
                written += Long.parseLong(f[9]) * SECTOR;
            }
        }
        return new long[] {read, written};
    }

    /** Bytes received and sent since boot over every interface but loopback, from {@code /proc/net/dev}. */
    static long[] netBytes() throws IOException {
        long in = 0;
        long out = 0;
        for (String line : Files.readAllLines(PROC.resolve("net/dev"), StandardCharsets.US_ASCII)) {
            int colon = line.indexOf(':');
            if (colon < 0 || line.substring(0, colon).trim().equals("lo")) {
                continue;
            }
            String[] f = line.substring(colon + 1).trim().split("\\s+");
            if (f.length > 8) {
                in += Long.parseLong(f[0]);
                out += Long.parseLong(f[8]);
            }
        }
        return new long[] {in, out};
    }

    /** Pseudo, memory and network file systems: not "this host's disks". */
    private static final Set<String> NOT_LOCAL_DISKS = Set.of("proc", "sysfs", "devtmpfs", "devpts", "tmpfs", "ramfs",
            "cgroup", "cgroup2", "pstore", "bpf", "tracefs", "debugfs", "securityfs", "configfs", "fusectl", "mqueue",
            "hugetlbfs", "autofs", "binfmt_misc", "rpc_pipefs", "nsfs", "efivarfs", "squashfs", "selinuxfs", "nfsd",
            "nfs", "nfs4", "cifs", "smb3", "smbfs", "9p", "fuse.sshfs", "fuse.gvfsd-fuse", "fuse.portal", "fuse.lxcfs");

    /**
     * Local file systems' use in percent as {@code df} counts it, by mount point, from {@code /proc/mounts}
     * and {@code statvfs}; the first mount of each device only (bind mounts repeat it).
     */
    static Map<String, Double> fileSystems(int max) throws IOException {
        Map<String, Double> out = new java.util.LinkedHashMap<>();
        Set<String> devices = new java.util.HashSet<>();
        for (String line : Files.readAllLines(PROC.resolve("mounts"), StandardCharsets.UTF_8)) {
            String[] f = line.split(" ");
            if (f.length < 3 || NOT_LOCAL_DISKS.contains(f[2]) || out.size() >= max) {
                continue;
            }
            // /proc/mounts escapes blanks in paths as octal.
            String mount = f[1].replace("\\040", " ").replace("\\011", "\t");
            if (mount.startsWith("/proc") || mount.startsWith("/sys") || mount.startsWith("/dev") || mount.startsWith("/run")
                    || !devices.add(f[0])) {
                continue;
            }
            try {
                java.nio.file.FileStore store = Files.getFileStore(Path.of(mount));
                long total = store.getTotalSpace();
                long used = total - store.getUnallocatedSpace();
                long usable = store.getUsableSpace();
                if (total > 0 && used + usable > 0) {
                    out.put(mount, 100.0 * used / (used + usable));
                }
            } catch (IOException | RuntimeException e) {
                // Not readable by this user, or unmounted meanwhile.
            }
        }
        return out;
    }

    /** A process's command name and CPU time (user + system) in clock ticks. */
    record ProcessTicks(String name, long ticks) {}

    /** Every process's name and CPU ticks, from {@code /proc/PID/stat}; processes that end meanwhile are skipped. */
    static Map<Integer, ProcessTicks> processTicks() {
        Map<Integer, ProcessTicks> out = new HashMap<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(PROC, p -> isNumber(p.getFileName().toString()))) {
            for (Path p : dir) {
                try {
                    String stat = Files.readString(p.resolve("stat"), StandardCharsets.UTF_8);
                    // "pid (comm) state ppid …": comm may hold spaces and parentheses, so cut at the last ')'.
                    int open = stat.indexOf('(');
                    int close = stat.lastIndexOf(')');
                    String[] f = stat.substring(close + 2).split(" ");
                    long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
                    out.put(Integer.parseInt(p.getFileName().toString()), new ProcessTicks(stat.substring(open + 1, close), ticks));
                } catch (IOException | RuntimeException e) {
                    // Gone between listing and reading, or not ours to read.
                }
            }
        } catch (IOException e) {
            // No process list this time.
        }
        return out;
    }

    private static boolean isNumber(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
