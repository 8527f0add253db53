package io.codarestore.catalog;

import static io.codarestore.testing.SyntheticAmanda.runLog;
import static io.codarestore.testing.SyntheticAmanda.writeLog;
import static io.codarestore.testing.SyntheticAmanda.writeTapelist;
import static org.assertj.core.api.Assertions.assertThat;

import io.codarestore.amanda.AmandaLogParser;
import io.codarestore.testing.SyntheticAmanda.Dump;
import io.codarestore.testing.SyntheticAmanda.Outcome;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A log damaged into one huge line (16 MB of text; gigabytes of NULs as a crash can leave) is a
 * FILE:LINE problem and the import goes on, in a JVM with a 64 MB heap (issue 14.5).
 */
class LongLogLineImportTest {
  @TempDir Path dir;

  @Test
  void hugeLinesAreProblemsAndTheImportGoesOnInA64MegabyteHeap() throws Exception {
    Path logdir = dir.resolve("log");
    Path tapelist = dir.resolve("tapelist");
    Path db = dir.resolve("catalog.db");
    String good =
        runLog("20240301002500", "T-01", List.of(new Dump("localhost", "vol.a", 0, 1, Outcome.OK)));
    writeLog(logdir, "20240301002500", good);
    // Line 2 of the second log: 16 MiB of text in an INFO line; the rest of the log is intact.
    String second =
        runLog("20240302070900", "T-02", List.of(new Dump("localhost", "vol.a", 1, 1, Outcome.OK)));
    int nl = second.indexOf('\n');
    String huge = "INFO amdump " + "x".repeat(16 << 20);
    Files.createDirectories(logdir);
    Path withLongLine = logdir.resolve("log.20240302070900.0");
    try (var w = Files.newBufferedWriter(withLongLine, StandardCharsets.UTF_8)) {
      w.write(second, 0, nl + 1);
      w.write(huge);
      w.write(second, nl, second.length() - nl);
    }
    // A crash left 2.2 GiB of NULs (sparse: nothing on disk), more than a Java array can hold.
    Path nuls = logdir.resolve("log.20240303000000.0");
    try (RandomAccessFile f = new RandomAccessFile(nuls.toFile(), "rw")) {
      f.setLength(2200L << 20);
    }
    writeTapelist(
        tapelist,
        List.of(new String[] {"20240302070900", "T-02"}, new String[] {"20240301002500", "T-01"}));

    Path out = dir.resolve("out.txt");
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m",
                "-cp",
                System.getProperty("java.class.path"),
                "io.codarestore.Launcher",
                "catalog",
                "import",
                "--db",
                db.toString(),
                "--logdir",
                logdir.toString(),
                "--tapelist",
                tapelist.toString())
            .redirectErrorStream(true)
            .redirectOutput(out.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("import finished").isTrue();
    String text = Files.readString(out);
    assertThat(p.exitValue()).as(text).isZero();
    long hugeBytes = huge.getBytes(StandardCharsets.UTF_8).length;
    assertThat(text)
        .contains("log.20240302070900.0:2: line of " + hugeBytes + " bytes, longer than 1 MiB")
        .contains("log.20240303000000.0:1: line of " + (2200L << 20) + " bytes")
        .contains("log files: 3 read")
        .doesNotContain("Exception")
        .doesNotContain("Error");
    try (Catalog c = Catalog.openExisting(db)) {
      List<CatalogDump> dumps = c.dumps(c.volume("localhost", "vol.a").orElseThrow());
      assertThat(dumps)
          .extracting(d -> d.datestamp().digits())
          .containsExactly("20240301002500", "20240302070900");
      assertThat(dumps.get(1).availability().readable()).isTrue();
    }
    assertThat(AmandaLogParser.MAX_LINE_BYTES).isEqualTo(1 << 20);
  }
}
