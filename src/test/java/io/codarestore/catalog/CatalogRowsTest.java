package io.codarestore.catalog;

import static io.codarestore.testing.SyntheticAmanda.runLog;
import static io.codarestore.testing.SyntheticAmanda.writeLog;
import static io.codarestore.testing.SyntheticAmanda.writeTapelist;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.codarestore.core.Datestamp;
import io.codarestore.testing.SyntheticAmanda.Dump;
import io.codarestore.testing.SyntheticAmanda.Outcome;
import java.nio.file.Path;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The catalog's datestamp columns read as {@link Datestamp}s, and what is not a datestamp. */
class CatalogRowsTest {
  @TempDir Path dir;
  Path db;

  @BeforeEach
  void oneRunWhoseTapeWasLabelledAgain() {
    Path logdir = dir.resolve("log");
    Path tapelist = dir.resolve("tapelist");
    db = dir.resolve("catalog.db");
    writeLog(
        logdir,
        "20240301002500",
        runLog(
            "20240301002500", "T-01", List.of(new Dump("localhost", "vol.a", 0, 1, Outcome.OK))));
    // T-01 was labelled again (amlabel -f): the tapelist says 0, no run has written it since.
    writeTapelist(
        tapelist, List.of(new String[] {"0", "T-01"}, new String[] {"20240302000000", "T-02"}));
    try (Catalog c = Catalog.open(db)) {
      new CatalogImporter(c).importFrom(ImportSource.of(logdir, tapelist, null));
    }
  }

  @Test
  void datestampsAreTypedAndATapeNeverWrittenHasNone() {
    try (Catalog c = Catalog.openExisting(db)) {
      CatalogVolume v = c.volume("localhost", "vol.a").orElseThrow();
      assertThat(v.firstDatestamp()).isEqualTo(Datestamp.parse("20240301002500"));
      assertThat(v.lastDatestamp()).isEqualTo(Datestamp.parse("20240301002500"));
      CatalogDump d = c.dumps(v).get(0);
      assertThat(d.datestamp()).isEqualTo(Datestamp.parse("20240301002500"));
      assertThat(c.dumpSummaries(v).get(0).datestamp()).isEqualTo(d.datestamp());
      assertThat(c.dump(d.id()).orElseThrow().datestamp()).isEqualTo(d.datestamp());

      assertThat(c.tapes())
          .extracting(CatalogTape::label, CatalogTape::datestamp)
          .containsExactlyInAnyOrder(
              org.assertj.core.groups.Tuple.tuple("T-01", null),
              org.assertj.core.groups.Tuple.tuple("T-02", Datestamp.parse("20240302000000")));
      assertThat(c.tapelist()).containsOnlyKeys("T-02");

      CatalogPart p = d.parts().get(0);
      assertThat(p.tapeDatestamp()).isEqualTo(Datestamp.parse("20240301002500"));
      assertThat(p.currentTapeDatestamp()).isNull();
      assertThat(p.inTapelist()).isTrue();
      assertThat(p.onTape()).isFalse();
      assertThat(p.problem())
          .isEqualTo("tape T-01 was labelled again and has not been written since");
      assertThat(d.availability().readable()).isFalse();
      assertThat(c.dumpSummaries(v).get(0).readable(c.tapelist())).isFalse();
    }
  }

  @Test
  void aTapeGoneFromTheTapelistIsSaidSo() throws Exception {
    try (Catalog c = Catalog.openExisting(db)) {
      try (Statement s = c.connection().createStatement()) {
        s.executeUpdate("DELETE FROM tape WHERE label = 'T-01'");
      }
      CatalogPart p = c.dumps(c.volume("localhost", "vol.a").orElseThrow()).get(0).parts().get(0);
      assertThat(p.inTapelist()).isFalse();
      assertThat(p.problem()).isEqualTo("tape T-01 is no longer in the tapelist");
    }
  }

  @Test
  void aDatestampColumnThatIsNoDatestampNamesTheCatalogFileAndTheText() throws Exception {
    try (Catalog c = Catalog.openExisting(db)) {
      CatalogVolume v = c.volume("localhost", "vol.a").orElseThrow();
      try (Statement s = c.connection().createStatement()) {
        s.executeUpdate("UPDATE dump SET datestamp = '20241399002500'");
      }
      assertThatThrownBy(() -> c.dumps(v))
          .isInstanceOf(CatalogException.class)
          .hasMessageStartingWith(db.toString())
          .hasMessageContaining("'20241399002500'")
          .hasMessageContaining("not an Amanda datestamp");
      assertThatThrownBy(() -> c.dumpSummaries(v))
          .isInstanceOf(CatalogException.class)
          .hasMessageContaining("'20241399002500'");
      assertThatThrownBy(() -> c.volume("localhost", "vol.a"))
          .isInstanceOf(CatalogException.class)
          .hasMessageContaining("'20241399002500'");
    }
  }
}
