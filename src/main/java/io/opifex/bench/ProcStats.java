package io.opifex.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time and resident memory of a process, from Linux's /proc: {@code stat} fields 14 and 15 (utime, stime, in
 * clock ticks) and {@code status} VmRSS. Used to relate the broker's work to what it delivered.
 *
 * @param cpuSeconds user + system CPU time, -1 if unknown
 * @param rssKb      resident set size in KiB, -1 if unknown
 */
public record ProcStats(double cpuSeconds, long rssKb) {

    public static final ProcStats UNKNOWN = new ProcStats(-1, -1);
    /** USER_HZ: 100 on every mainstream Linux architecture (getconf CLK_TCK). */
    public static final int CLOCK_TICKS_PER_SECOND = 100;

    /** @return the stats of {@code pid}, or {@link #UNKNOWN} if it is 0 or unreadable (no such process, not Linux) */
    public static ProcStats of(long pid) {
        if (pid <= 0) {
            return UNKNOWN;
        }
        try {
            Path dir = Path.of("/proc", Long.toString(pid));
            return new ProcStats(parseCpuSeconds(Files.readString(dir.resolve("stat"))),
                    parseRssKb(Files.readString(dir.resolve("status"))));
        } catch (IOException | RuntimeException e) {
            return UNKNOWN;
        }
    }

    public static ProcStats self() {
        return of(ProcessHandle.current().pid());
    }

    /** utime + stime of a /proc/PID/stat line; the command name in parentheses may itself hold spaces or ')'. */
    static double parseCpuSeconds(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        // fields[0] is field 3 (state), so utime (14) and stime (15) are fields[11] and fields[12]
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return ticks / (double) CLOCK_TICKS_PER_SECOND;
    }

    static long parseRssKb(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.substring("VmRSS:".length()).replace("kB", "").trim());
            }
        }
        return -1;
    }

    public boolean known() {
        return cpuSeconds >= 0;
    }
}
