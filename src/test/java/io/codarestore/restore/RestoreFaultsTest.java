package io.codarestore.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.codarestore.amanda.AmandaConfig;
import io.codarestore.amanda.VtapeFetcher;
import io.codarestore.catalog.Catalog;
import io.codarestore.catalog.CatalogDump;
import io.codarestore.catalog.CatalogImporter;
import io.codarestore.catalog.ImportSource;
import io.codarestore.core.Cancellation;
import io.codarestore.core.ProgressListener;
import io.codarestore.core.UserFacingException;
import io.codarestore.dump.ChainMerger;
import io.codarestore.plan.ChainLink;
import io.codarestore.plan.ChainPlanner;
import io.codarestore.plan.PlanTarget;
import io.codarestore.plan.RestorePlan;
import io.codarestore.testing.AmandaFixture;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults injected into a private copy of a real Amanda fixture's vtapes: each ends in a clear
 * message, nothing the user had is lost, nothing half-written is left looking finished.
 */
class RestoreFaultsTest {
  static final String VOLUME = "u.alice";
  static final PlanTarget DATE = PlanTarget.parse("2024-03-10");

  @TempDir Path tmp;
  Path fixture;
  Path vtapes;
  Path db;

  @BeforeEach
  void privateCopy() throws Exception {
    fixture = AmandaFixture.get().outdir();
    AmandaConfig conf = AmandaConfig.read(fixture.resolve("etc"));
    vtapes = tmp.resolve("vtapes");
    copyTree(conf.vtapeRoot(), vtapes);
    db = tmp.resolve("catalog.db");
    try (Catalog c = Catalog.open(db)) {
      new CatalogImporter(c).importFrom(ImportSource.of(conf.logdir(), conf.tapelist(), vtapes));
    }
  }

  private RestoreJob job(Catalog c, Cancellation cancel) {
    return job(c, cancel, tmp.resolve("ws"));
  }

  private RestoreJob job(Catalog c, Cancellation cancel, Path workspace) {
    return new RestoreJob(
        c,
        new ChainPlanner(),
        new VtapeFetcher(vtapes),
        new ExtractionTreeExtractor(),
        new Workspace(workspace),
        ProgressListener.NONE,
        cancel,
        Clock.systemUTC());
  }

  private RestoreRequest toDir(Path out) {
    return new RestoreRequest(
        "localhost", VOLUME, DATE, new RestoreTarget.Directory(out, List.of(), false), null, false);
  }

  private List<ChainLink> chain(Catalog c) {
    RestorePlan p = new ChainPlanner().plan(c, "localhost", VOLUME, DATE);
    assertThat(p.restorable()).isTrue();
    return p.chain();
  }

  private Path partFile(ChainLink link, int index) {
    var part = link.parts().get(index);
    try (Stream<Path> slots = Files.list(vtapes)) {
      for (Path slot : slots.toList()) {
        if (Files.exists(slot.resolve("00000." + part.label()))) {
          try (Stream<Path> files = Files.list(slot)) {
            return files
                .filter(
                    f ->
                        f.getFileName()
                            .toString()
                            .startsWith(String.format("%05d.", part.fileNumber())))
                .findFirst()
                .orElseThrow();
          }
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    throw new IllegalStateException("no slot holds " + part.label());
  }

  /** Nothing at the target, and no temporary leftovers that could be taken for it. */
  private void assertNothingLeft(Path out) throws IOException {
    assertThat(out).doesNotExist();
    try (Stream<Path> s = Files.list(out.getParent())) {
      assertThat(s.map(p -> p.getFileName().toString()))
          .noneMatch(n -> n.contains(out.getFileName().toString()));
    }
    Path cache = tmp.resolve("ws/cache");
    if (Files.exists(cache)) {
      try (Stream<Path> s = Files.walk(cache)) {
        assertThat(s.map(Path::toString)).noneMatch(n -> n.contains(".part") || n.contains(".tmp"));
      }
    }
  }

  @Test
  void aMissingPartFileIsNamed() throws Exception {
    Path out = tmp.resolve("out");
    try (Catalog c = Catalog.openExisting(db)) {
      Path part = partFile(chain(c).get(0), 1);
      Files.delete(part);
      assertThatThrownBy(() -> job(c, Cancellation.none()).run(toDir(out)))
          .isInstanceOf(UserFacingException.class)
          .hasMessageContaining(part.getFileName().toString().substring(0, 5));
    }
    assertNothingLeft(out);
  }

  @Test
  void aCorruptGzipStreamIsNamed() throws Exception {
    Path out = tmp.resolve("out");
    try (Catalog c = Catalog.openExisting(db)) {
      ChainLink base = chain(c).get(0);
      Path part = partFile(base, 0);
      String comp = io.codarestore.amanda.AmandaFileHeader.read(part).compSuffix();
      assumeTrue(".gz".equals(comp), "u.alice is server-gzipped in the fixture, not " + comp);
      try (RandomAccessFile f = new RandomAccessFile(part.toFile(), "rw")) {
        f.seek(32768 + 5000);
        byte[] junk = new byte[64];
        new Random(7).nextBytes(junk);
        f.write(junk);
      }
      assertThatThrownBy(() -> job(c, Cancellation.none()).run(toDir(out)))
          .isInstanceOf(UserFacingException.class)
          .hasMessageContaining(VOLUME);
    }
    assertNothingLeft(out);
  }

  @Test
  void aHeaderThatLiesIsRefused() throws Exception {
    // The tape file of another volume put in place of the base's first part.
    Path out = tmp.resolve("out");
    try (Catalog c = Catalog.openExisting(db)) {
      Path part = partFile(chain(c).get(0), 0);
      RestorePlan other = new ChainPlanner().plan(c, "localhost", "proj.src", DATE);
      Path foreign = partFile(other.chain().get(0), 0);
      Files.copy(foreign, part, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      assertThatThrownBy(() -> job(c, Cancellation.none()).run(toDir(out)))
          .isInstanceOf(UserFacingException.class)
          .hasMessageContaining("proj.src");
    }
    assertNothingLeft(out);
  }

  @Test
  void aWrongBaseIsRefusedBeforeAnyBulkRead() throws Exception {
    // A verified cache entry that is really another full dump of the volume (an older one):
    // the increments were not taken against it.
    Path out = tmp.resolve("out");
    try (Catalog c = Catalog.openExisting(db)) {
      List<ChainLink> chain = chain(c);
      CatalogDump base = chain.get(0).dump();
      // The base and its level 1 merged: a full dump, but of a later state than the one the
      // level 1 (and so the level 2) was taken against.
      Workspace ws = new Workspace(tmp.resolve("ws"));
      Path b0 = tmp.resolve("b0");
      Path b1 = tmp.resolve("b1");
      new VtapeFetcher(vtapes)
          .fetchToFile(base.toFetchRequest(), b0, ProgressListener.NONE, Cancellation.none());
      new VtapeFetcher(vtapes)
          .fetchToFile(
              chain.get(1).dump().toFetchRequest(), b1, ProgressListener.NONE, Cancellation.none());
      Path wrong = ws.cachedDump(base.host(), base.volume(), base.datestamp(), 0);
      Files.createDirectories(wrong.getParent());
      new ChainMerger(ProgressListener.NONE, Cancellation.none())
          .mergeToFile(List.of(b0, b1), wrong, false);
      ws.markVerified(wrong);
      assertThatThrownBy(() -> job(c, Cancellation.none()).run(toDir(out)))
          .isInstanceOf(UserFacingException.class)
          .hasMessageContaining("chain is broken")
          .hasMessageContaining("older base");
    }
    assertNothingLeft(out);
  }

  @Test
  void notEnoughSpaceRefusesToStart() throws Exception {
    Path small = mountTmpfs("1m");
    Path out = small.resolve("out");
    try (Catalog c = Catalog.openExisting(db)) {
      assertThatThrownBy(() -> job(c, Cancellation.none()).run(toDir(out)))
          .isInstanceOf(UserFacingException.class)
          .hasMessageContaining("not enough free space");
    } finally {
      umount(small);
    }
  }

  @Test
  void aDiskThatFillsUpWhileMergingLeavesNothing() throws Exception {
    Path small = mountTmpfs("512k");
    Path out = small.resolve("merged.dump");
    try (Catalog c = Catalog.openExisting(db)) {
      List<Path> files = new ArrayList<>();
      for (ChainLink l : chain(c)) {
        Path f = tmp.resolve(l.datestamp() + "_" + l.level());
        new VtapeFetcher(vtapes)
            .fetchToFile(l.dump().toFetchRequest(), f, ProgressListener.NONE, Cancellation.none());
        files.add(f);
      }
      assertThatThrownBy(
              () ->
                  new ChainMerger(ProgressListener.NONE, Cancellation.none())
                      .mergeToFile(files, out, false))
          .isInstanceOf(UserFacingException.class)
          .hasMessageContaining("No space left on device");
      try (Stream<Path> s = Files.list(small)) {
        assertThat(s.toList()).as("nothing left on the full disk").isEmpty();
      }
    } finally {
      umount(small);
    }
  }

  @Test
  void cancelAtRandomPointsLeavesNoOutput() throws Exception {
    Random r = new Random(42);
    try (Catalog c = Catalog.openExisting(db)) {
      for (int round = 0; round < 6; round++) {
        Path out = tmp.resolve("out" + round);
        Path ws = tmp.resolve("ws" + round);
        Cancellation cancel = new Cancellation();
        AtomicReference<Throwable> error = new AtomicReference<>();
        Thread t =
            new Thread(
                () -> {
                  try {
                    job(c, cancel, ws).run(toDir(out));
                  } catch (Throwable e) {
                    error.set(e);
                  }
                });
        t.start();
        Thread.sleep(r.nextInt(400));
        cancel.cancel();
        t.join(TimeUnit.SECONDS.toMillis(60));
        assertThat(t.isAlive()).isFalse();
        if (error.get() == null) {
          assertThat(out.resolve(".coda-acls.json")).as("finished before the cancel").exists();
          Files.walk(out)
              .sorted(java.util.Comparator.reverseOrder())
              .forEach(p -> p.toFile().delete());
        } else {
          assertThat(error.get()).isInstanceOf(Cancellation.CancelledException.class);
          assertNothingLeft(out);
          try (Stream<Path> s = Files.walk(ws)) {
            assertThat(s.map(Path::toString))
                .as("a cancelled run keeps nothing it fetched")
                .noneMatch(n -> n.endsWith(".dump"));
          }
        }
      }
    }
  }

  @Test
  void killMinus9ThenResumeReusesWhatWasVerified() throws Exception {
    Path out = tmp.resolve("out");
    Path ws = tmp.resolve("ws");
    List<String> cmd =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            System.getProperty("java.class.path"),
            "io.codarestore.Launcher",
            "restore",
            "--db",
            db.toString(),
            "--host",
            "localhost",
            "--volume",
            VOLUME,
            "--date",
            "2024-03-10",
            "--to-dir",
            out.toString(),
            "--workspace",
            ws.toString());
    Process p =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(tmp.resolve("first.log").toFile())
            .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    boolean sawSidecar = false;
    while (p.isAlive() && System.nanoTime() < deadline) {
      if (Files.exists(ws.resolve("cache")) && anySidecar(ws.resolve("cache"))) {
        sawSidecar = true;
        break;
      }
      Thread.sleep(2);
    }
    p.destroyForcibly(); // SIGKILL
    p.waitFor();
    assumeTrue(sawSidecar, "the first run ended before it could be killed mid-way");
    try (Catalog c = Catalog.openExisting(db)) {
      Path outAgain = out;
      if (Files.exists(out)) {
        outAgain = tmp.resolve("out2"); // the killed run got to the end
      }
      RestoreJob.Outcome o = job(c, Cancellation.none()).run(toDir(outAgain));
      assertThat(o.fetched()).anyMatch(s -> s.describe().contains("reused"));
      assertThat(outAgain.resolve(".coda-acls.json")).exists();
    }
  }

  private static boolean anySidecar(Path cache) throws IOException {
    try (Stream<Path> s = Files.walk(cache)) {
      return s.anyMatch(f -> f.toString().endsWith(".crc32c"));
    }
  }

  private Path mountTmpfs(String size) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("small"));
    Process p =
        new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", dir.toString())
            .redirectErrorStream(true)
            .start();
    String msg = new String(p.getInputStream().readAllBytes());
    assumeTrue(p.waitFor() == 0, "cannot mount a small tmpfs here (needs root): " + msg);
    return dir;
  }

  private static void umount(Path dir) throws Exception {
    new ProcessBuilder("umount", dir.toString()).inheritIO().start().waitFor();
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isSymbolicLink(p)) {
          Files.createSymbolicLink(t, Files.readSymbolicLink(p));
        } else if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t);
        }
      }
    }
  }
}
