package io.codarestore.amanda;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TapelistTest {
  @Test
  void realLinesFromTheFixture(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("tapelist");
    Files.writeString(
        f,
        "20240310082400 CODA-05 reuse BLOCKSIZE:32 POOL:codafix STORAGE:codafix CONFIG:codafix\n"
            + "20240309053400 CODA-04 reuse BLOCKSIZE:32 POOL:codafix STORAGE:codafix"
            + " CONFIG:codafix\n"
            + "20240303093100 CODA-06 reuse BLOCKSIZE:32 POOL:codafix STORAGE:codafix"
            + " CONFIG:codafix\n");
    Tapelist t = Tapelist.read(f);
    assertThat(t.problems()).isEmpty();
    assertThat(t.entries())
        .extracting(TapelistEntry::label)
        .containsExactly("CODA-05", "CODA-04", "CODA-06");
    TapelistEntry e = t.find("CODA-04").orElseThrow();
    assertThat(e.datestamp()).isEqualTo("20240309053400");
    assertThat(e.reuse()).isTrue();
    assertThat(e.blocksizeKb()).isEqualTo(32);
    assertThat(e.pool()).isEqualTo("codafix");
    assertThat(e.storage()).isEqualTo("codafix");
    assertThat(e.config()).isEqualTo("codafix");
    assertThat(e.position()).isEqualTo(1);
    assertThat(e.written()).isTrue();
    assertThat(t.find("CODA-99")).isEmpty();
  }

  @Test
  void olderFormsNoReuseNeverWrittenBarcodeAndComments() {
    Tapelist t =
        Tapelist.parse(
            "20090102 DAILY-1 no-reuse\n"
                + "0 DAILY-2 reuse BARCODE:ABC123 META:x #spare tape\n"
                + "\n"
                + "20090101 DAILY-3 reuse\n",
            "tapelist");
    assertThat(t.problems()).isEmpty();
    assertThat(t.entries()).hasSize(3);
    TapelistEntry one = t.entries().get(0);
    assertThat(one.reuse()).isFalse();
    assertThat(one.datestamp()).isEqualTo("20090102");
    assertThat(one.blocksizeKb()).isEqualTo(-1);
    TapelistEntry two = t.entries().get(1);
    assertThat(two.written()).isFalse();
    assertThat(two.barcode()).isEqualTo("ABC123");
    assertThat(two.comment()).isEqualTo("spare tape");
  }

  @Test
  void badLinesAreReportedAndSkipped() {
    Tapelist t =
        Tapelist.parse(
            "20240310082400 CODA-05 reuse\n"
                + "garbage\n"
                + "2024031 CODA-06 reuse\n"
                + "20240310082400 CODA-07 maybe\n"
                + "20240301002500 CODA-05 reuse\n",
            "etc/tapelist");
    assertThat(t.entries()).extracting(TapelistEntry::label).containsExactly("CODA-05");
    assertThat(t.entries().get(0).datestamp()).isEqualTo("20240310082400");
    assertThat(t.problems()).extracting(LineProblem::line).containsExactly(2, 3, 4, 5);
    assertThat(t.problems().get(0).toString()).startsWith("etc/tapelist:2: ");
    assertThat(t.problems().get(3).message()).contains("twice");
  }
}
