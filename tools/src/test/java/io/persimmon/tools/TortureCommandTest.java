package io.persimmon.tools;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

class TortureCommandTest {
    @TempDir
    Path dir;

    @Test
    void shouldVerifyEveryReportedCommitAfterThreeKills() {
        Path pool = dir.resolve("torture.pool");
        TestPools.Run run = TestPools.run("torture", "--pool", pool.toString(), "--kills", "3", "--keys", "500",
                "--min-delay-ms", "300", "--max-delay-ms", "1200", "--seed", "7");
        assertEveryCommitVerified(run, 3, pool);
    }

    @Test
    void shouldVerifyEveryReportedTpccTransactionAfterTwoKills() {
        Path pool = dir.resolve("tpcc.pool");
        TestPools.Run run = TestPools.run("torture", "--workload", "tpcc", "--pool", pool.toString(), "--kills", "2",
                "--threads", "2", "--min-delay-ms", "1000", "--max-delay-ms", "2000", "--seed", "5");
        assertEveryCommitVerified(run, 2, pool);
        TestPools.Run again = TestPools.run("torture", "--workload", "tpcc", "--pool", pool.toString(), "--kills", "1");
        assertEquals(2, again.exit(), again.out() + again.err());
        assertTrue(again.err().contains("loads its own database into a new pool"), again.err());
    }

    @Test
    void shouldRefuseAWorkloadThatDoesNotExist() {
        TestPools.Run run = TestPools.run("torture", "--pool", dir.resolve("x.pool").toString(), "--workload", "ycsb");
        assertEquals(2, run.exit());
        assertTrue(run.err().contains("not available"), run.err());
    }

    /**
     * The run ended with {@code kills: N, commits verified: M, lost: 0, anomalies: 0} for some M > 0,
     * printed a line per kill between its header and that summary, exited 0, and left a pool that
     * {@code check} passes.
     */
    private static void assertEveryCommitVerified(TestPools.Run run, int kills, Path pool) {
        String[] lines = run.out().strip().split("\n");
        String last = lines[lines.length - 1];
        Matcher m = Pattern.compile("kills: " + kills + ", commits verified: (\\d+), lost: 0, anomalies: 0").matcher(last);
        assertTrue(m.matches(), run.out() + run.err());
        assertTrue(Long.parseLong(m.group(1)) > 0, last);
        assertEquals(0, run.exit(), run.out());
        assertEquals(kills + 2, lines.length, run.out());
        TestPools.Run check = TestPools.run("check", pool.toString());
        assertEquals(0, check.exit(), check.out());
    }
}
