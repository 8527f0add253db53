package io.codarestore.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.codarestore.testing.FixtureRecords.FindRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The parse of {@code amadmin find} that the fixture tests compare the catalog with: the status
 * column is the part's status, then the dump's when it differs (spec amanda-catalog.md §6).
 */
class FixtureRecordsTest {
  private static final String FIND =
      """
      date                host      disk      lv storage pool    tape or file file part  status
      2024-03-06 05:33:00 localhost coda.root  0 codafix codafix CODA-01         1   1/3 OK\s
      2024-03-03 09:31:00 localhost u.alice    1 codafix codafix CODA-06         1   3/5 OK FAIL Missing part
      2024-03-04 07:24:00 localhost u.alice    2 codafix codafix                 0 -1/-1 FAILED (dumper) [missing size line from sendbackup] \s
      2024-03-04 07:24:00 localhost u.alice    2 codafix codafix CODA-07         5  1/-1 OK PARTIAL\s
      2024-03-01 00:25:00 localhost coda.root  0 codafix codafix CODA-01         7   3/3 PARTIAL OK\s
      2024-03-01 00:25:00 localhost coda.root  0 codafix codafix CODA-02         1   3/3 OK\s
      """;

  @Test
  void theTwoStatusColumnsAreReadAsAmandaMeansThem(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("amadmin-find.txt"), FIND);
    List<FindRow> rows = FixtureRecords.amadminFind(dir);
    assertThat(rows).hasSize(6);

    assertThat(rows.get(0).ok()).isTrue();
    assertThat(rows.get(0).label()).isEqualTo("CODA-01");

    FindRow missing = rows.get(1);
    assertThat(missing.partStatus()).isEqualTo("OK");
    assertThat(missing.dumpStatus()).isEqualTo("FAIL");
    assertThat(missing.ok()).isFalse();

    FindRow failed = rows.get(2);
    assertThat(failed.label()).isEmpty();
    assertThat(failed.dumpStatus()).isEqualTo("FAILED");
    assertThat(failed.ok()).isFalse();

    FindRow partialDump = rows.get(3);
    assertThat(partialDump.partStatus()).isEqualTo("OK");
    assertThat(partialDump.dumpStatus()).isEqualTo("PARTIAL");
    assertThat(partialDump.ok()).isFalse();

    // A part that hit the end of CODA-01 and was written again whole on CODA-02: the dead copy's
    // row says PARTIAL first, but the dump is OK.
    FindRow deadCopy = rows.get(4);
    assertThat(deadCopy.partStatus()).isEqualTo("PARTIAL");
    assertThat(deadCopy.dumpStatus()).isEqualTo("OK");
    assertThat(deadCopy.ok()).isTrue();
    assertThat(deadCopy.label()).isEqualTo("CODA-01");
    assertThat(deadCopy.file()).isEqualTo(7);
    assertThat(rows.get(5).ok()).isTrue();
  }

  @Test
  void theFixtureConfigNameHasAFixedLength() {
    // Its length moves where parts hit the end of a vtape; pids have 1 to 7 digits.
    assertThat(AmandaFixture.CONFIG).matches("cra-it-\\d{7}");
  }
}
