package io.codarestore.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.codarestore.amanda.AmandaConfig;
import io.codarestore.catalog.Catalog;
import io.codarestore.catalog.CatalogImporter;
import io.codarestore.catalog.ImportSource;
import io.codarestore.testing.AmandaFixture;
import io.codarestore.testing.FixtureRecords;
import io.codarestore.testing.FixtureRecords.FindRow;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plans for every volume and every day of a real Amanda run, against what Amanda recorded. */
class FixturePlanTest {
  static AmandaFixture fixture;
  static Catalog catalog;
  static List<FixtureRecords.Dump> manifest;
  final ChainPlanner planner = new ChainPlanner();

  @BeforeAll
  static void importFixture(@TempDir Path dir) throws Exception {
    fixture = AmandaFixture.get();
    catalog = Catalog.open(dir.resolve("catalog.db"));
    new CatalogImporter(catalog)
        .importFrom(ImportSource.of(AmandaConfig.read(fixture.configDir())));
    manifest = FixtureRecords.manifestDumps(fixture.catalogDir());
  }

  @AfterAll
  static void close() {
    if (catalog != null) {
      catalog.close();
    }
  }

  record Expected(List<String> chain, boolean restorable) {}

  /** The chain rule applied to the manifest's dumps (Amanda's statuses and on-tape verdicts). */
  static Expected expectedFromManifest(String disk, LocalDate day) {
    String end = day.toString().replace("-", "");
    List<FixtureRecords.Dump> good =
        manifest.stream()
            .filter(d -> d.disk().equals(disk) && d.good())
            .sorted(Comparator.comparing(FixtureRecords.Dump::datestamp).reversed())
            .toList();
    List<String> chain = new ArrayList<>();
    boolean readable = true;
    int last = Integer.MAX_VALUE;
    for (FixtureRecords.Dump d : good) {
      if (d.datestamp().substring(0, 8).compareTo(end) > 0 || d.level() >= last) {
        continue;
      }
      chain.add(0, d.level() + "@" + d.datestamp());
      readable &= d.onTape();
      last = d.level();
      if (last == 0) {
        break;
      }
    }
    return new Expected(chain, !chain.isEmpty() && last == 0 && readable);
  }

  /** amrecover's walk over what amadmin find lists as OK (dumps filtered before walking). */
  static List<String> amandaChain(List<FindRow> rows, String disk, LocalDate day) {
    String end = day.toString().replace("-", "");
    Map<String, Boolean> ok = new HashMap<>();
    for (FindRow r : rows) {
      if (r.disk().equals(disk) && !r.label().isEmpty()) {
        ok.merge(r.level() + "@" + r.datestamp(), r.ok(), Boolean::logicalAnd);
      }
    }
    TreeSet<String> okDumps =
        ok.entrySet().stream()
            .filter(Map.Entry::getValue)
            .map(Map.Entry::getKey)
            .collect(
                Collectors.toCollection(
                    () ->
                        new TreeSet<>(
                            Comparator.comparing((String s) -> s.substring(2)).reversed())));
    List<String> chain = new ArrayList<>();
    int last = Integer.MAX_VALUE;
    for (String k : okDumps) {
      int level = Integer.parseInt(k.substring(0, k.indexOf('@')));
      if (k.substring(k.indexOf('@') + 1, k.indexOf('@') + 9).compareTo(end) > 0 || level >= last) {
        continue;
      }
      chain.add(0, k);
      last = level;
      if (last == 0) {
        break;
      }
    }
    return chain;
  }

  static List<String> chainOf(RestorePlan p) {
    return p.chain().stream().map(l -> l.level() + "@" + l.datestamp()).toList();
  }

  @Test
  void everyVolumeEveryDayMatchesAmandasRecords() throws Exception {
    List<FindRow> find = FixtureRecords.amadminFind(fixture.catalogDir());
    TreeSet<String> days = new TreeSet<>();
    manifest.forEach(d -> days.add(d.datestamp().substring(0, 8)));
    LocalDate first =
        LocalDate.parse(days.first(), java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
    LocalDate last =
        LocalDate.parse(days.last(), java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
    TreeSet<String> disks = new TreeSet<>();
    manifest.forEach(d -> disks.add(d.disk()));
    int restorable = 0;
    int broken = 0;
    for (String disk : disks) {
      for (LocalDate day = first.minusDays(1);
          !day.isAfter(last.plusDays(1));
          day = day.plusDays(1)) {
        RestorePlan p = planner.plan(catalog, "localhost", disk, PlanTarget.parse(day.toString()));
        Expected e = expectedFromManifest(disk, day);
        String what = disk + " at " + day;
        assertThat(chainOf(p)).as(what).isEqualTo(e.chain());
        assertThat(p.restorable()).as(what).isEqualTo(e.restorable());
        if (p.restorable()) {
          restorable++;
          // Where our verdict is "restorable", Amanda's own walk picks the same dumps.
          assertThat(chainOf(p)).as(what + " (amrecover)").isEqualTo(amandaChain(find, disk, day));
          assertThat(p.chain().get(0).level()).isZero();
          assertThat(p.gap()).isNull();
          assertThat(p.media()).isNotEmpty();
        } else {
          broken++;
          assertThat(p.gap()).as(what).isNotNull();
          assertThat(p.gap().reason()).as(what).isNotBlank();
          if (p.nearestAfter() != null) {
            RestorePlan after =
                planner.plan(
                    catalog, "localhost", disk, PlanTarget.parse(p.nearestAfter().target()));
            assertThat(after.restorable()).as(what + " nearest after").isTrue();
          }
          if (p.nearestBefore() != null) {
            RestorePlan before =
                planner.plan(
                    catalog, "localhost", disk, PlanTarget.parse(p.nearestBefore().target()));
            assertThat(before.restorable()).as(what + " nearest before").isTrue();
          }
        }
      }
    }
    assertThat(restorable).isPositive();
    assertThat(broken).isPositive();
  }

  @Test
  void restorablePointsAreExactlyTheHeadsOfReadableChains() {
    int total = 0;
    for (String disk : List.of("coda.root", "u.alice", "proj.src")) {
      List<RestorePoint> points = planner.restorablePoints(catalog, "localhost", disk);
      total += points.size();
      for (RestorePoint pt : points) {
        RestorePlan p = planner.plan(catalog, "localhost", disk, PlanTarget.parse(pt.target()));
        assertThat(p.restorable()).as(disk + " " + pt).isTrue();
        ChainLink head = p.chain().get(p.chain().size() - 1);
        assertThat(head.datestamp()).isEqualTo(pt.datestamp());
        assertThat(head.level()).isEqualTo(pt.level());
      }
    }
    assertThat(total).isPositive();
  }

  /** The worked examples of spec amanda-catalog.md §10.2 (fixture seed 1, 10 days). */
  @Test
  void workedExamplesOfTheSpec() throws Exception {
    com.fasterxml.jackson.databind.JsonNode m =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(fixture.catalogDir().resolve("manifest.json").toFile());
    org.junit.jupiter.api.Assumptions.assumeTrue(
        m.get("seed").asInt() == 1
            && m.get("days").asInt() == 10
            && manifest.stream().filter(FixtureRecords.Dump::good).count() >= 29,
        "fixture is not the spec's run (seed 1, 10 days, every run as in §10.2)");
    check(
        "coda.root",
        "2024-03-10",
        true,
        "0@20240306053300",
        "1@20240308093100",
        "2@20240309053400",
        "3@20240310082400");
    check("coda.root", "2024-03-07", true, "0@20240306053300", "1@20240307071800");
    check("coda.root", "2024-03-05", false, "0@20240301002500", "1@20240305070000");
    check(
        "u.alice", "2024-03-10", true, "0@20240308093100", "1@20240309053400", "2@20240310082400");
    check(
        "u.alice", "2024-03-07", false, "0@20240301002500", "1@20240306053300", "2@20240307071800");
    check("u.alice", "2024-03-04", false, "0@20240301002500", "1@20240303093100");
    check(
        "proj.src", "2024-03-10", true, "0@20240308093100", "1@20240309053400", "2@20240310082400");
    check(
        "proj.src",
        "2024-03-07",
        false,
        "0@20240301002500",
        "1@20240305070000",
        "2@20240307071800");
    RestorePlan alice4 =
        planner.plan(catalog, "localhost", "u.alice", PlanTarget.parse("2024-03-04"));
    assertThat(alice4.skipped())
        .singleElement()
        .extracting(s -> s.datestamp().digits())
        .isEqualTo("20240304072400");
    assertThat(alice4.chain().get(1).reason()).contains("CODA-05").contains("overwritten");
    RestorePlan root10 =
        planner.plan(catalog, "localhost", "coda.root", PlanTarget.parse("2024-03-10"));
    assertThat(root10.media()).containsExactly("CODA-01", "CODA-03", "CODA-04", "CODA-05");
    assertThat(root10.chain().get(0).parts()).hasSize(3);
  }

  private void check(String disk, String day, boolean restorable, String... chain) {
    RestorePlan p = planner.plan(catalog, "localhost", disk, PlanTarget.parse(day));
    assertThat(chainOf(p)).as(disk + " " + day).containsExactly(chain);
    assertThat(p.restorable()).as(disk + " " + day).isEqualTo(restorable);
  }
}
