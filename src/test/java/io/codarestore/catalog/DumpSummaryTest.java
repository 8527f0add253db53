package io.codarestore.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.codarestore.amanda.DumpStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DumpSummaryTest {
  private static CatalogPart part(int n, String label, String ds, String now, boolean broken) {
    return new CatalogPart(n, label, n, ds, 10, broken, null, now);
  }

  @Test
  void tapesListEachTapeOnceInPartOrder() {
    CatalogDump d =
        new CatalogDump(
            1,
            "h",
            "v",
            "20240301002500",
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
    DumpSummary s = d.summary();
    assertThat(s.tapes()).isEqualTo("CODA-01@20240301002500,CODA-02@20240301002500");
    assertThat(s.readable(Map.of("CODA-01", "20240301002500", "CODA-02", "20240301002500")))
        .isTrue();
    assertThat(s.readable(Map.of("CODA-01", "20240301002500", "CODA-02", "20240306053300")))
        .isFalse();
    assertThat(s.readable(Map.of("CODA-01", "20240301002500"))).isFalse();
    assertThat(s.readable(Map.of("CODA-01", "2024030100250", "CODA-02", "20240301002500")))
        .isFalse();
  }

  @Test
  void badOrIncompleteDumpsAreNeverReadable() {
    Map<String, String> t = Map.of("T", "20240301");
    assertThat(
            new DumpSummary(1, "20240301", 0, DumpStatus.PARTIAL, false, "T@20240301").readable(t))
        .isFalse();
    assertThat(new DumpSummary(1, "20240301", 0, DumpStatus.OK, true, "T@20240301").readable(t))
        .isFalse();
    assertThat(new DumpSummary(1, "20240301", 0, DumpStatus.OK, false, "").readable(t)).isFalse();
    assertThat(
            new DumpSummary(1, "20240301", 0, DumpStatus.OK_WITH_WARNINGS, false, "T@20240301")
                .readable(t))
        .isTrue();
  }
}
