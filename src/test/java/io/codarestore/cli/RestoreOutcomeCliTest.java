package io.codarestore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.codarestore.catalog.Catalog;
import io.codarestore.catalog.CatalogDump;
import io.codarestore.plan.ChainLink;
import io.codarestore.plan.ChainPlanner;
import io.codarestore.plan.PlanTarget;
import io.codarestore.plan.RestorePlan;
import io.codarestore.restore.Fetched;
import io.codarestore.restore.FollowUp;
import io.codarestore.restore.RestoreWarning;
import io.codarestore.restore.Restored;
import io.codarestore.restore.Workspace;
import io.codarestore.testing.AmandaFixture;
import io.codarestore.testing.VolutilSim;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code restore}'s text and JSON carry the typed outcome in the command line's words: each line is
 * the phrasing ({@link OutcomeText}) of the outcome built here from what the restore left on disk
 * and on the server (the cached dumps and their checksums, the written file, the id volutil-sim
 * gave), so a wrong datum or a line out of place fails.
 */
class RestoreOutcomeCliTest {
  static final String DATE = "2024-03-10";
  static AmandaFixture fixture;
  static Path db;
  @TempDir Path tmp;
  String out;
  String err;

  @BeforeAll
  static void importIt(@TempDir Path dir) {
    fixture = AmandaFixture.get();
    db = dir.resolve("catalog.db");
    StringWriter e = new StringWriter();
    int rc =
        Cli.run(
            new PrintWriter(new StringWriter()),
            new PrintWriter(e),
            "catalog",
            "import",
            "--db",
            db.toString(),
            "--config",
            fixture.configDir().toString());
    assertThat(rc).as(e.toString()).isZero();
  }

  int run(List<String> args) {
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    int rc =
        Cli.run(new PrintWriter(o, true), new PrintWriter(e, true), args.toArray(String[]::new));
    out = o.toString();
    err = e.toString();
    return rc;
  }

  List<String> restore(String volume, String... more) {
    List<String> a =
        new ArrayList<>(
            List.of(
                "restore",
                "--db",
                db.toString(),
                "--host",
                "localhost",
                "--volume",
                volume,
                "--date",
                DATE,
                "--workspace",
                tmp.resolve("ws").toString()));
    a.addAll(List.of(more));
    return a;
  }

  /** The chain's dumps as they now lie verified in the workspace cache. */
  List<Fetched> cached(String volume, boolean reused) throws Exception {
    RestorePlan plan;
    try (Catalog c = Catalog.openExisting(db)) {
      plan = new ChainPlanner().plan(c, "localhost", volume, PlanTarget.parse(DATE));
    }
    Workspace ws = new Workspace(tmp.resolve("ws"));
    List<Fetched> f = new ArrayList<>();
    for (ChainLink l : plan.chain()) {
      CatalogDump d = l.dump();
      Path file = ws.cachedDump(d.host(), d.volume(), d.datestamp(), d.level());
      String crc =
          Files.readString(
                  file.resolveSibling(file.getFileName() + ".crc32c"), StandardCharsets.US_ASCII)
              .strip();
      f.add(
          new Fetched(
              d.volume() + " level " + d.level() + " of " + d.datestamp(),
              reused ? Fetched.From.WORKSPACE_CACHE : Fetched.From.VTAPE,
              d.whereToRead(),
              file,
              Files.size(file),
              crc));
    }
    return f;
  }

  static List<String> texts(JsonNode array) {
    List<String> l = new ArrayList<>();
    array.forEach(n -> l.add(n.asText()));
    return l;
  }

  @Test
  void aDumpFileRestoreInJsonAndTextSaysWhatWasFetchedAndWritten() throws Exception {
    Path a = tmp.resolve("a.dump");
    assertThat(run(restore("u.alice", "--to-dump", a.toString(), "--json"))).as(err).isZero();
    JsonNode j = JsonViews.MAPPER.readTree(out);
    assertThat(texts(j.get("fetched"))).isEqualTo(OutcomeText.fetched(cached("u.alice", false)));
    assertThat(j.get("restored").asText())
        .isEqualTo(OutcomeText.restored(new Restored.DumpFile(a, Files.size(a))));
    assertThat(j.get("followUp").isArray()).isTrue();
    assertThat(j.get("followUp")).isEmpty();
    assertThat(j.get("warnings")).isEmpty();
    assertThat(Path.of(j.get("runDirectory").asText()).resolve("run.log")).isRegularFile();

    Path b = tmp.resolve("b.dump");
    assertThat(run(restore("u.alice", "--to-dump", b.toString()))).as(err).isZero();
    List<String> lines = out.lines().filter(l -> !l.startsWith("link ")).toList();
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0))
        .isEqualTo(OutcomeText.restored(new Restored.DumpFile(b, Files.size(b))));
    assertThat(lines.get(1)).startsWith("log and runbook: " + tmp.resolve("ws").resolve("runs"));

    Path c = tmp.resolve("c.dump");
    assertThat(run(restore("u.alice", "--to-dump", c.toString(), "--json"))).as(err).isZero();
    assertThat(texts(JsonViews.MAPPER.readTree(out).get("fetched")))
        .isEqualTo(OutcomeText.fetched(cached("u.alice", true)))
        .allMatch(l -> l.endsWith(": reused from the workspace cache"));
  }

  @Test
  void volutilRestoresNameTheVolumeVolutilMadeAndTheStepsLeftWithTheOptions() throws Exception {
    VolutilSim sim = VolutilSim.start(tmp.resolve("server"));
    Path volutil = sim.volutil(tmp.resolve("volutil"), "fixed");
    List<String> common =
        List.of("--volutil", "--volutil-cmd", volutil.toString(), "--partition", "/vicepa");
    List<String> ro = restore("u.alice", "--name", "ro1");
    ro.addAll(common);
    List<Path> before = sim.restored();
    assertThat(run(ro)).as(err).isZero();
    String id = newId(before, sim);
    List<String> expected = new ArrayList<>();
    expected.add(
        OutcomeText.restored(new Restored.ServerVolume(null, "/vicepa", "ro1", id, false, null)));
    List<FollowUp> steps =
        List.of(
            new FollowUp.RebuildLocationDatabase(),
            new FollowUp.MountOnClient("ro1"),
            new FollowUp.PurgeReadOnly(id, "ro1"));
    OutcomeText.followUp(steps).forEach(s -> expected.add("next: " + s));
    List<String> lines = new ArrayList<>(out.lines().filter(l -> !l.startsWith("link ")).toList());
    assertThat(lines.remove(1)).startsWith("log and runbook: ");
    assertThat(lines).isEqualTo(expected);
    assertThat(lines.get(3)).endsWith("volutil purge " + id + " ro1");

    Path kept = tmp.resolve("rw.dump");
    List<String> rw =
        restore(
            "u.alice",
            "--name",
            "rw1",
            "--read-write",
            "--volid",
            "2000001",
            "--keep-merged",
            kept.toString(),
            "--json");
    rw.addAll(common);
    before = sim.restored();
    assertThat(run(rw)).as(err).isZero();
    String rwId = newId(before, sim);
    JsonNode j = JsonViews.MAPPER.readTree(out);
    assertThat(j.get("restored").asText())
        .isEqualTo(
            OutcomeText.restored(
                new Restored.ServerVolume(null, "/vicepa", "rw1", rwId, true, kept)))
        .endsWith("as 02000001; the dump it read is kept at " + kept);
    assertThat(texts(j.get("followUp")))
        .isEqualTo(
            OutcomeText.followUp(
                List.of(
                    new FollowUp.RebuildLocationDatabase(),
                    new FollowUp.MountOnClient("rw1"),
                    new FollowUp.KeepReadWriteOutOfBackup())));
    List<String> warnings = texts(j.get("warnings"));
    assertThat(warnings).hasSize(2);
    assertThat(warnings.get(0))
        .startsWith("the merged dump will be over ")
        .endsWith(CliPhrases.INSTANCE.copyInRoute());
    assertThat(warnings.get(1))
        .isEqualTo(OutcomeText.warnings(List.of(new RestoreWarning.ReadWriteVolume())).get(0))
        .contains("(--copy-in VOLUME)");
  }

  /** The id of the one volume the server got since {@code before} (its dump's file name). */
  private static String newId(List<Path> before, VolutilSim sim) throws Exception {
    List<Path> now = new ArrayList<>(sim.restored());
    now.removeAll(before);
    assertThat(now).hasSize(1);
    String n = now.get(0).getFileName().toString();
    return n.substring(0, n.length() - ".dump".length());
  }
}
