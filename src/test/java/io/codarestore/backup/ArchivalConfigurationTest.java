package io.codarestore.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.codarestore.testing.AmcodaProcess;
import io.codarestore.testing.VolutilSim;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The archival configuration (full dumps, no {@code --record}) never changes what the daily
 * configuration's next incremental holds: two servers with the same volume and the same changes,
 * one with an archival dump between the daily dumps, give the daily incremental the same index; a
 * recorded archival dump (the mistake the configuration avoids) would not.
 */
class ArchivalConfigurationTest {
  @TempDir Path dir;

  @Test
  void anUnrecordedArchivalDumpLeavesTheDailyIncrementalAsItWas() throws IOException {
    List<String> plain = dailyIncrementalIndex("plain", null);
    List<String> archived = dailyIncrementalIndex("archived", false);
    List<String> recorded = dailyIncrementalIndex("recorded", true);
    assertThat(archived).isEqualTo(plain);
    assertThat(recorded).isNotEqualTo(plain).hasSizeLessThan(plain.size());
  }

  /** Daily full, a day, [an archival full dump], a day, the daily level 1: its index. */
  private List<String> dailyIncrementalIndex(String name, Boolean archivalRecords)
      throws IOException {
    Path d = Files.createDirectories(dir.resolve(name));
    VolutilSim sim = VolutilSim.create(d, "u.alice:21:50");
    AmcodaProcess amcoda = new AmcodaProcess(d, Map.of("HOME", d.toString()));
    assertThat(backup(amcoda, sim, "daily", 0, true).exit()).isZero();
    sim.sim("advance", "--days", "1");
    if (archivalRecords != null) {
      AmcodaProcess.Run a = backup(amcoda, sim, "archive", 0, archivalRecords);
      assertThat(a.exit()).isZero();
      assertThat(sim.calls().stream().filter(c -> c.startsWith("ancient")).count())
          .isEqualTo(archivalRecords ? 2 : 1);
    }
    sim.sim("advance", "--days", "1");
    AmcodaProcess.Run incr = backup(amcoda, sim, "daily", 1, true);
    assertThat(incr.exit()).isZero();
    return incr.indexLines();
  }

  private static AmcodaProcess.Run backup(
      AmcodaProcess amcoda, VolutilSim sim, String config, int level, boolean record)
      throws IOException {
    List<String> a =
        new ArrayList<>(
            List.of(
                "backup",
                "--message",
                "line",
                "--config",
                config,
                "--host",
                "localhost",
                "--disk",
                "u.alice",
                "--device",
                "u.alice",
                "--level",
                String.valueOf(level),
                "--index",
                "line",
                "--volutil",
                sim.volutil().toString()));
    if (record) {
      a.add("--record");
    }
    return amcoda.run(a.toArray(String[]::new));
  }
}
