package io.codarestore.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.codarestore.amanda.AmandaConfig;
import io.codarestore.amanda.VtapeFetcher;
import io.codarestore.catalog.Catalog;
import io.codarestore.catalog.CatalogImporter;
import io.codarestore.catalog.ImportSource;
import io.codarestore.core.Cancellation;
import io.codarestore.core.ProgressListener;
import io.codarestore.core.UserFacingException;
import io.codarestore.dump.DumpReader;
import io.codarestore.dump.VolumeDiskData;
import io.codarestore.plan.ChainPlanner;
import io.codarestore.plan.PlanTarget;
import io.codarestore.testing.AmandaFixture;
import io.codarestore.testing.VolutilSim;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The read-only and read-write volutil targets against volutil-sim, which behaves like a real Coda
 * 8 client and server: the dump goes to volutil as a regular file ({@code -f}), never on stdin.
 */
class VolutilRoutesTest {
  static final List<String> VOLUMES = List.of("coda.root", "u.alice", "proj.src");
  static Path db;
  @TempDir static Path shared;
  @TempDir Path tmp;

  @BeforeAll
  static void importCatalog() throws Exception {
    Path fixture = AmandaFixture.get().outdir();
    db = shared.resolve("catalog.db");
    try (Catalog c = Catalog.open(db)) {
      new CatalogImporter(c).importFrom(ImportSource.of(AmandaConfig.read(fixture.resolve("etc"))));
    }
  }

  static RestoreJob job(Catalog c, Path ws, Cancellation cancel) {
    return new RestoreJob(
        c,
        new ChainPlanner(),
        new VtapeFetcher(c.source().orElseThrow().vtapeRoot()),
        new ExtractionTreeExtractor(),
        new VerifiedDumps(new Workspace(ws)),
        io.codarestore.cli.CliPhrases.INSTANCE, // the assertions read the command line's words
        ProgressListener.NONE,
        cancel,
        Clock.systemUTC());
  }

  static RestoreRequest request(String volume, String date, RestoreTarget t, Path keep) {
    return new RestoreRequest("localhost", volume, PlanTarget.parse(date), t, keep, false);
  }

  /** Every (volume, day) the fixture can restore. */
  static List<String[]> restorableDays(Catalog c) {
    List<String[]> days = new ArrayList<>();
    for (String volume : VOLUMES) {
      for (int day = 1; day <= 10; day++) {
        String date = String.format("2024-03-%02d", day);
        if (new ChainPlanner().plan(c, "localhost", volume, PlanTarget.parse(date)).restorable()) {
          days.add(new String[] {volume, date});
        }
      }
    }
    return days;
  }

  @Test
  void everyRestorableDayReachesTheServerByteForByteAsToDumpWritesIt() throws Exception {
    VolutilSim sim = VolutilSim.start(tmp.resolve("server"));
    Path volutil = sim.volutil(tmp.resolve("volutil"), "fixed");
    Path ws = tmp.resolve("ws");
    int n = 0;
    try (Catalog c = Catalog.openExisting(db)) {
      List<String[]> days = restorableDays(c);
      assertThat(days).hasSizeGreaterThan(10);
      for (String[] d : days) {
        Path reference = tmp.resolve("ref-" + n + ".dump");
        job(c, ws, Cancellation.none())
            .run(request(d[0], d[1], new RestoreTarget.DumpFile(reference, false), null));
        List<Path> before = sim.restored();
        RestoreJob.Outcome o =
            job(c, ws, Cancellation.none())
                .run(
                    request(
                        d[0],
                        d[1],
                        new RestoreTarget.Volutil(
                            volutil.toString(), "vm", "/vicepa", "r" + n, null, false),
                        null));
        Path received = newOne(before, sim.restored());
        assertThat(Files.mismatch(received, reference))
            .as("%s as of %s", d[0], d[1])
            .isEqualTo(-1L);
        assertThat(o.volutil().createdId()).isNotNull();
        assertThat(o.followUp())
            .anyMatch(f -> f.describe().contains("volutil purge " + o.volutil().createdId()));
        String id = o.volutil().createdId();
        assertThat(o.restored())
            .isEqualTo(new Restored.ServerVolume("vm", "/vicepa", "r" + n, id, false, null));
        assertThat(o.followUp())
            .containsExactly(
                new FollowUp.RebuildLocationDatabase(),
                new FollowUp.MountOnClient("r" + n),
                new FollowUp.PurgeReadOnly(id, "r" + n));
        assertThat(mergedLeftovers(ws)).as("the workspace file is removed").isEmpty();
        n++;
      }
    }
    assertThat(calls(sim)).allMatch(a -> a.contains("\"-f\""));
  }

  @Test
  void everyRestorableDayAsReadWriteDiffersOnlyInTypeAndParent() throws Exception {
    VolutilSim sim = VolutilSim.start(tmp.resolve("server"));
    Path volutil = sim.volutil(tmp.resolve("volutil"), "fixed");
    Path ws = tmp.resolve("ws");
    int n = 0;
    try (Catalog c = Catalog.openExisting(db)) {
      for (String[] d : restorableDays(c)) {
        Path reference = tmp.resolve("ref-" + n + ".dump");
        job(c, ws, Cancellation.none())
            .run(request(d[0], d[1], new RestoreTarget.DumpFile(reference, false), null));
        int id = 0x2000000 + n;
        Path kept = tmp.resolve("kept-" + n + ".dump");
        List<Path> before = sim.restored();
        job(c, ws, Cancellation.none())
            .run(
                request(
                    d[0],
                    d[1],
                    new RestoreTarget.Volutil(
                        volutil.toString(), null, "/vicepa", "rw" + n, id, true),
                    n == 0 ? kept : null));
        Path received = newOne(before, sim.restored());
        assertThat(received.getFileName().toString()).isEqualTo(String.format("%08x.dump", id));
        byte[] plain = Files.readAllBytes(reference);
        byte[] sent = Files.readAllBytes(received);
        assertThat(sent).hasSameSizeAs(plain);
        VolumeDiskData vp = volumeData(plain);
        VolumeDiskData vs = volumeData(sent);
        assertThat(vs.type()).isEqualTo(4);
        assertThat(vs.parentId()).isEqualTo(id);
        assertThat(vs).isEqualTo(vp.withTypeAndParent(4, id));
        int diff = 0;
        for (int i = 0; i < plain.length; i++) {
          diff += plain[i] != sent[i] ? 1 : 0;
        }
        assertThat(diff).isBetween(1, 5);
        if (n == 0) {
          assertThat(Files.mismatch(kept, received))
              .as("--keep-merged keeps the rewritten dump")
              .isEqualTo(-1L);
        }
        n++;
      }
    }
  }

  @Test
  void theStockClientsLimitIsOneClearErrorAndTheDumpIsKept() throws Exception {
    VolutilSim sim = VolutilSim.start(tmp.resolve("server"));
    Path volutil = sim.volutil(tmp.resolve("volutil"), "stock");
    Path ws = tmp.resolve("ws");
    try (Catalog c = Catalog.openExisting(db)) {
      String[] big = null;
      for (String[] d : restorableDays(c)) {
        Path ref = tmp.resolve(d[0] + d[1] + ".dump");
        job(c, ws, Cancellation.none())
            .run(request(d[0], d[1], new RestoreTarget.DumpFile(ref, false), null));
        if (Files.size(ref) > VolutilRestore.STOCK_CLIENT_LIMIT) {
          big = d;
          break;
        }
      }
      assertThat(big).as("a fixture day whose merged dump exceeds 512000 bytes").isNotNull();
      String[] d = big;
      RestoreTarget.Volutil t =
          new RestoreTarget.Volutil(volutil.toString(), null, "/vicepa", "big", null, false);
      assertThat(job(c, ws, Cancellation.none()).preview(request(d[0], d[1], t, null)).warnings())
          .anyMatch(
              w ->
                  w.describe()
                      .contains("stock Coda 8 volutil client cannot send dumps over ~500 KB"));
      long start = System.nanoTime();
      assertThatThrownBy(() -> job(c, ws, Cancellation.none()).run(request(d[0], d[1], t, null)))
          .isInstanceOf(UserFacingException.class)
          .satisfies(
              e -> {
                String m = e.getMessage();
                assertThat(m).doesNotContain("\n");
                assertThat(m)
                    .contains("stock Coda 8 volutil client cannot send dumps over ~500 KB")
                    .contains("VolRestore failed with Unknown RPC2 return code 700")
                    .contains("--copy-in");
                assertThat(mergedLeftovers(ws)).hasSize(1);
                assertThat(m).contains("kept at " + mergedLeftovers(ws).get(0));
              });
      assertThat(System.nanoTime() - start).isLessThan(30_000_000_000L);
      assertThat(sim.srvLog()).contains("ReadStuff: ReadDump failed RPC2_SEFAIL3");
    }
  }

  @Test
  void aHungVolutilIsStoppedByCancelWithinTwoSecondsAndNothingIsLeft() throws Exception {
    VolutilSim sim = VolutilSim.start(tmp.resolve("server"));
    Path volutil = sim.hangingVolutil(tmp.resolve("volutil"));
    Path ws = tmp.resolve("ws");
    Cancellation cancel = Cancellation.none();
    java.util.concurrent.atomic.AtomicLong cancelledAt =
        new java.util.concurrent.atomic.AtomicLong();
    try (Catalog c = Catalog.openExisting(db)) {
      RestoreTarget.Volutil t =
          new RestoreTarget.Volutil(volutil.toString(), null, "/vicepa", "hung", null, false);
      Thread canceller =
          new Thread(
              () -> {
                try {
                  while (!Files.readString(sim.root().resolve("calls.log")).contains("restore")) {
                    Thread.sleep(50);
                  }
                  Thread.sleep(500); // the client is asleep now
                } catch (Exception e) {
                  return;
                } finally {
                  cancelledAt.set(System.nanoTime());
                  cancel.cancel();
                }
              });
      canceller.start();
      assertThatThrownBy(() -> job(c, ws, cancel).run(request("coda.root", "2024-03-10", t, null)))
          .isInstanceOf(Cancellation.CancelledException.class);
      long ended = System.nanoTime();
      canceller.join();
      assertThat(ended - cancelledAt.get())
          .as("ended after cancel (ns)")
          .isLessThan(2_000_000_000L);
      assertThat(Files.readString(sim.root().resolve("vice/srv/SrvLog")))
          .doesNotContain("VolRestore successful");
      assertThat(mergedLeftovers(ws)).isEmpty();
      assertThat(livePids(sim)).isEmpty();
    }
  }

  private static List<Long> livePids(VolutilSim sim) {
    return ProcessHandle.current()
        .descendants()
        .filter(p -> p.info().commandLine().orElse("").contains(sim.tool().toString()))
        .map(ProcessHandle::pid)
        .toList();
  }

  static List<Path> mergedLeftovers(Path ws) throws Exception {
    Path dir = ws.resolve("merged");
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.toList();
    }
  }

  private static List<String> calls(VolutilSim sim) throws Exception {
    return Files.readAllLines(sim.root().resolve("calls.log")).stream()
        .filter(l -> l.contains("\"event\": \"call\"") || l.contains("\"event\":\"call\""))
        .filter(l -> l.contains("restore"))
        .toList();
  }

  private static Path newOne(List<Path> before, List<Path> after) {
    List<Path> added = new ArrayList<>(after);
    added.removeAll(before);
    assertThat(added).hasSize(1);
    return added.get(0);
  }

  private static VolumeDiskData volumeData(byte[] dump) throws Exception {
    return new DumpReader(new ByteArrayInputStream(dump), "dump").volumeData();
  }
}
