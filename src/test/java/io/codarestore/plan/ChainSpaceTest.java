package io.codarestore.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.codarestore.amanda.DumpStatus;
import io.codarestore.catalog.CatalogDump;
import io.codarestore.catalog.CatalogPart;
import io.codarestore.core.Datestamp;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The space a chain needs: native bytes (not stored bytes) less what the cache holds. */
class ChainSpaceTest {
  private long ids;

  /** A one-part dump of {@code bytes} stored, {@code origKb} before compression. */
  CatalogDump dump(String ds, int level, long bytes, long origKb, String nativeCrc) {
    CatalogPart p =
        new CatalogPart(
            1, "T-" + ds, 1, Datestamp.parse(ds), bytes, false, null, Datestamp.parse(ds));
    return new CatalogDump(
        ++ids,
        "h",
        "v",
        Datestamp.parse(ds),
        level,
        DumpStatus.OK,
        1,
        bytes,
        origKb,
        nativeCrc,
        null,
        null,
        ".gz",
        false,
        null,
        "log." + ds + ".0",
        1,
        List.of(p),
        null);
  }

  @Test
  void nativeBytesComeFromTheChecksumElseTheLargerEstimate() {
    assertThat(ChainSpace.nativeBytes(dump("20240301000000", 0, 100, 5, "0a0b0c0d:7000")))
        .isEqualTo(7000);
    assertThat(ChainSpace.nativeBytes(dump("20240301000000", 0, 100, 5, null))).isEqualTo(5 * 1024);
    assertThat(ChainSpace.nativeBytes(dump("20240301000000", 0, 9000, 5, "00000000:0")))
        .isEqualTo(9000);
  }

  @Test
  void theChainNeedsItsNativeBytesLessTheCachedDumps() {
    CatalogDump full = dump("20240301000000", 0, 1000, 40, "11111111:40960");
    CatalogDump inc1 = dump("20240302000000", 1, 100, 2, "22222222:2048");
    CatalogDump inc2 = dump("20240303000000", 2, 50, 3, null);
    RestorePlan plan =
        new ChainPlanner()
            .plan("h", "v", List.of(full, inc1, inc2), PlanTarget.parse("2024-03-03"));
    assertThat(plan.chain()).extracting(ChainLink::dump).containsExactly(full, inc1, inc2);

    ChainSpace none = ChainSpace.of(plan, d -> false);
    assertThat(none.nativeBytes()).isEqualTo(40960 + 2048 + 3 * 1024);
    assertThat(none.cachedBytes()).isZero();
    assertThat(none.needed()).isEqualTo(none.nativeBytes());
    // Not the stored (compressed) bytes the page used to show.
    assertThat(none.needed()).isNotEqualTo(1000 + 100 + 50);

    ChainSpace fullCached = ChainSpace.of(plan, d -> d == full);
    assertThat(fullCached.cachedBytes()).isEqualTo(40960);
    assertThat(fullCached.needed()).isEqualTo(2048 + 3 * 1024);

    assertThat(ChainSpace.of(plan, d -> true).needed()).isZero();
  }
}
