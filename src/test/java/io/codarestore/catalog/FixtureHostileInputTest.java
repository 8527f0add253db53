package io.codarestore.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.codarestore.amanda.AmandaConfig;
import io.codarestore.amanda.LineProblem;
import io.codarestore.plan.ChainPlanner;
import io.codarestore.plan.PlanTarget;
import io.codarestore.plan.RestorePlan;
import io.codarestore.testing.AmandaFixture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damaged and unusual copies of a real Amanda installation's logs and tapelist. */
class FixtureHostileInputTest {
  @TempDir Path dir;
  Path logdir;
  Path tapelist;
  Path db;

  @BeforeEach
  void copyTheRealFiles() throws IOException {
    AmandaConfig config = AmandaConfig.read(AmandaFixture.get().configDir());
    logdir = dir.resolve("log");
    Files.createDirectories(logdir.resolve("oldlog"));
    try (Stream<Path> s = Files.list(config.logdir())) {
      for (Path p : s.toList()) {
        if (Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
          Files.copy(p, logdir.resolve(p.getFileName()));
        }
      }
    }
    try (Stream<Path> s = Files.list(config.logdir().resolve("oldlog"))) {
      for (Path p : s.toList()) {
        Files.copy(p, logdir.resolve("oldlog").resolve(p.getFileName()));
      }
    }
    tapelist = dir.resolve("tapelist");
    Files.copy(config.tapelist(), tapelist);
    db = dir.resolve("c.db");
  }

  private ImportSummary importNow() {
    try (Catalog c = Catalog.open(db)) {
      return new CatalogImporter(c).importFrom(ImportSource.of(logdir, tapelist, null));
    }
  }

  /** The newest run log (by name) with dump lines. */
  private Path newestRunLog() throws IOException {
    try (Stream<Path> s = Files.list(logdir)) {
      return s.filter(p -> p.getFileName().toString().startsWith("log."))
          .filter(p -> size(p) > 1000)
          .max(Path::compareTo)
          .orElseThrow();
    }
  }

  private static long size(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void aLogCutInTheMiddleOfItsLastDoneLine() throws Exception {
    Path log = newestRunLog();
    List<String> lines = Files.readAllLines(log);
    int lastDone = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith("DONE taper")) {
        lastDone = i;
      }
    }
    String done = lines.get(lastDone);
    List<String> cut = new ArrayList<>(lines.subList(0, lastDone));
    cut.add(done.substring(0, done.indexOf(" localhost ") + 14));
    Files.writeString(log, String.join("\n", cut), StandardCharsets.UTF_8);
    // The dump whose DONE line was cut: its disk and level, from the line itself.
    String[] w = done.replace("\"", "").split(" ");
    String disk = w[5];
    String ds = w[6];
    int level = Integer.parseInt(w[8]);

    ImportSummary s = importNow();
    assertThat(s.problems())
        .singleElement()
        .extracting(LineProblem::toString)
        .asString()
        .startsWith(log.getFileName() + ":" + (lastDone + 1) + ": ");
    try (Catalog c = Catalog.openExisting(db)) {
      CatalogDump d =
          c.dumps(c.volume("localhost", disk).orElseThrow()).stream()
              .filter(x -> x.datestamp().digits().equals(ds) && x.level() == level)
              .findFirst()
              .orElseThrow();
      // Its dumper and chunker finished: the whole dump reached the holding disk, where Amanda
      // keeps it until a DONE taper (driver.c). So it is a good dump, a link of later chains,
      // left on the holding disk; this import knows no holding disk, so it cannot be read.
      assertThat(d.status().isGood()).isTrue();
      assertThat(d.onHoldingDisk()).isTrue();
      assertThat(d.detail()).contains("no DONE taper line follows");
      assertThat(d.availability().readable()).isFalse();
      assertThat(d.availability().reason()).contains("only on the holding disk");
      String day = ds.substring(0, 4) + "-" + ds.substring(4, 6) + "-" + ds.substring(6, 8);
      RestorePlan p = new ChainPlanner().plan(c, "localhost", disk, PlanTarget.parse(day));
      assertThat(p.restorable()).isFalse();
      assertThat(p.gap().datestamp().digits()).isEqualTo(ds);
      assertThat(p.gap().reason()).contains("holding disk");
    }
  }

  @Test
  void garbageLinesAreSkippedAndCounted() throws Exception {
    Path log = newestRunLog();
    List<String> lines = new ArrayList<>(Files.readAllLines(log));
    int before = lines.size();
    lines.add(5, "\u0000\u0001binary junk");
    lines.add(9, "PART taper \"ST:codafix\" \"POOL:codafix\" CODA-99 x localhost");
    lines.add("WHATEVER planner something");
    Files.write(log, lines);
    ImportSummary clean;
    try (Catalog c = Catalog.open(dir.resolve("clean.db"))) {
      clean =
          new CatalogImporter(c)
              .importFrom(ImportSource.of(AmandaConfig.read(AmandaFixture.get().configDir())));
    }
    ImportSummary s = importNow();
    assertThat(s.problems()).extracting(LineProblem::line).containsExactly(6, 10, before + 3);
    assertThat(s.dumps()).isEqualTo(clean.dumps());
  }

  @Test
  void eightDigitDatestampsAndAQuotedDiskName() throws Exception {
    Path log = newestRunLog();
    String name = log.getFileName().toString();
    String ds = name.substring(4, 18);
    String day = ds.substring(0, 8);
    String text = Files.readString(log).replace(ds, day).replace(" u.alice ", " \"u alice\" ");
    Files.delete(log);
    Files.writeString(logdir.resolve("log." + day + ".0"), text);
    Files.writeString(tapelist, Files.readString(tapelist).replace(ds, day));

    ImportSummary s = importNow();
    assertThat(s.problems()).isEmpty();
    try (Catalog c = Catalog.openExisting(db)) {
      assertThat(c.volume("localhost", "u alice")).isPresent();
      String target = day.substring(0, 4) + "-" + day.substring(4, 6) + "-" + day.substring(6);
      RestorePlan p = new ChainPlanner().plan(c, "localhost", "u alice", PlanTarget.parse(target));
      assertThat(p.chain())
          .singleElement()
          .satisfies(l -> assertThat(l.datestamp().digits()).isEqualTo(day));
      assertThat(p.chain().get(0).available()).isTrue();
      // The same day's coda.root run, now 8-digit, sorts before nothing newer: it is the head.
      RestorePlan root =
          new ChainPlanner().plan(c, "localhost", "coda.root", PlanTarget.parse(target));
      assertThat(root.chain().get(root.chain().size() - 1).datestamp().digits()).isEqualTo(day);
      assertThat(root.restorable()).isTrue();
    }
  }
}
