package harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What {@code /proc} tells of the server's process, when the benchmark was given its pid (0: not given). */
public record ServerProcess(long pid) {

    /** Peak RSS of the server in kB ({@code VmHWM}), or -1 when no pid was given or it cannot be read. */
    public long peakRssKb() {
        if (pid <= 0) {
            return -1;
        }
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                    .filter(line -> line.startsWith("VmHWM:"))
                    .map(line -> Long.parseLong(line.replaceAll("\\D", "")))
                    .findFirst()
                    .orElse(-1L);
        } catch (IOException e) {
            return -1;
        }
    }

    /**
     * Waits until the server used less than {@code percent} % of a core for {@code seconds} seconds in a row (at most
     * 15 minutes); without a pid, does not wait.
     */
    public void settle(int percent, int seconds, String what) throws IOException, InterruptedException {
        if (pid <= 0) {
            return;
        }
        long t0 = System.nanoTime();
        long last = cpuTicks();
        int quiet = 0;
        while (quiet < seconds && System.nanoTime() - t0 < 900e9) {
            Thread.sleep(1_000);
            long now = cpuTicks();
            quiet = now - last < percent ? quiet + 1 : 0; // clock ticks of 10 ms: 1 tick = 1 % of a core for 1 s
            last = now;
        }
        System.out.printf(
                "server below %d %% of a core for %d s, %.0f s later (%s)%n",
                percent, seconds, (System.nanoTime() - t0) / 1e9, what);
    }

    /** The server's user + system CPU time in clock ticks. */
    private long cpuTicks() throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }
}
