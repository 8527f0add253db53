package io.codarestore.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.codarestore.amanda.DumpStatus;
import io.codarestore.core.Datestamp;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CatalogDumpSummaryTest {
  /** A tapelist from label, datestamp pairs. */
  private static Map<String, Datestamp> tapelist(String... labelAndDatestamp) {
    Map<String, Datestamp> out = new java.util.HashMap<>();
    for (int i = 0; i < labelAndDatestamp.length; i += 2) {
      out.put(labelAndDatestamp[i], Datestamp.parse(labelAndDatestamp[i + 1]));
    }
    return out;
  }

  private static CatalogPart part(int n, String label, String ds, String now, boolean broken) {
    return new CatalogPart(
        n, label, n, Datestamp.parse(ds), 10, broken, null, Datestamp.parse(now));
  }

  @Test
  void tapesListEachTapeOnceInPartOrder() {
    CatalogDump d =
        new CatalogDump(
            1,
            "h",
            "v",
            Datestamp.parse("20240301002500"),
            0,
            DumpStatus.OK,
            3,
            30,
            1,
            null,
            null,
            null,
            null,
            false,
            null,
            "log",
            1,
            List.of(
                part(1, "CODA-01", "20240301002500", "20240301002500", false),
                part(2, "CODA-01", "20240301002500", "20240301002500", false),
                part(3, "CODA-01", "20240301002500", "20240301002500", true),
                part(3, "CODA-02", "20240301002500", "20240301002500", false)),
            null);
    CatalogDumpSummary s = d.summary();
    assertThat(s.tapes()).isEqualTo("CODA-01@20240301002500,CODA-02@20240301002500");
    assertThat(s.readable(tapelist("CODA-01", "20240301002500", "CODA-02", "20240301002500")))
        .isTrue();
    assertThat(s.readable(tapelist("CODA-01", "20240301002500", "CODA-02", "20240306053300")))
        .isFalse();
    assertThat(s.readable(tapelist("CODA-01", "20240301002500"))).isFalse();
    assertThat(s.readable(tapelist("CODA-01", "20240301", "CODA-02", "20240301002500"))).isFalse();
  }

  @Test
  void badOrIncompleteDumpsAreNeverReadable() {
    Map<String, Datestamp> t = tapelist("T", "20240301");
    assertThat(
            new CatalogDumpSummary(
                    1, Datestamp.parse("20240301"), 0, DumpStatus.PARTIAL, false, "T@20240301")
                .readable(t))
        .isFalse();
    assertThat(
            new CatalogDumpSummary(
                    1, Datestamp.parse("20240301"), 0, DumpStatus.OK, true, "T@20240301")
                .readable(t))
        .isFalse();
    assertThat(
            new CatalogDumpSummary(1, Datestamp.parse("20240301"), 0, DumpStatus.OK, false, "")
                .readable(t))
        .isFalse();
    assertThat(
            new CatalogDumpSummary(
                    1,
                    Datestamp.parse("20240301"),
                    0,
                    DumpStatus.OK_WITH_WARNINGS,
                    false,
                    "T@20240301")
                .readable(t))
        .isTrue();
  }
}
