package io.codarestore.amanda;

import static org.assertj.core.api.Assertions.assertThat;

import io.codarestore.amanda.AmandaLogRecord.ChunkerResult;
import io.codarestore.amanda.AmandaLogRecord.DiskListed;
import io.codarestore.amanda.AmandaLogRecord.DumperResult;
import io.codarestore.amanda.AmandaLogRecord.Failure;
import io.codarestore.amanda.AmandaLogRecord.Message;
import io.codarestore.amanda.AmandaLogRecord.PartWritten;
import io.codarestore.amanda.AmandaLogRecord.RunFinish;
import io.codarestore.amanda.AmandaLogRecord.RunStart;
import io.codarestore.amanda.AmandaLogRecord.TaperResult;
import io.codarestore.amanda.AmandaLogRecord.TaperStart;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real lines from spec amanda-catalog.md §4 (fixture seed 1), plus hostile variations. */
class AmandaLogParserTest {
  private final AmandaLogParser parser = new AmandaLogParser();

  private AmandaLogRecord only(String text) {
    AmandaLog log = parser.parse(text, "log.x.0");
    assertThat(log.problems()).isEmpty();
    return log.records().get(log.records().size() - 1);
  }

  @Test
  void runStartGivesTheDatestamp() {
    AmandaLog log =
        parser.parse(
            "INFO amdump amdump pid 16930\n"
                + "START planner date 20240301002500\n"
                + "DISK planner localhost coda.root\n"
                + "START driver date 20240301002500\n"
                + "FINISH planner date 20240301002500 time 2.436\n",
            "log.20240301002500.0");
    assertThat(log.problems()).isEmpty();
    assertThat(log.runDatestamp()).isEqualTo("20240301002500");
    assertThat(log.records())
        .containsExactly(
            new Message(1, "INFO", "amdump", "amdump pid 16930", java.util.List.of()),
            new RunStart(2, "planner", "20240301002500"),
            new DiskListed(3, "localhost", "coda.root"),
            new RunStart(4, "driver", "20240301002500"),
            new RunFinish(5, "planner", "20240301002500"));
    assertThat(log.lineCount()).isEqualTo(5);
  }

  @Test
  void taperStartWithStorageAndPool() {
    assertThat(
            only(
                "START taper datestamp 20240301002500 \"ST:codafix\" \"POOL:codafix\" label CODA-02"
                    + " tape 2"))
        .isEqualTo(new TaperStart(1, "20240301002500", "CODA-02", 2));
  }

  @Test
  void partLinesWithAndWithoutStoragePool() {
    PartWritten p =
        (PartWritten)
            only(
                "PART taper \"ST:codafix\" \"POOL:codafix\" CODA-01 5 localhost coda.root"
                    + " 20240301002500 1/-1 0 [sec 0.000568 bytes 1015808 kps 1746478.873239 orig-kb"
                    + " 2841]");
    assertThat(p.broken()).isFalse();
    assertThat(p.label()).isEqualTo("CODA-01");
    assertThat(p.fileNumber()).isEqualTo(5);
    assertThat(p.host()).isEqualTo("localhost");
    assertThat(p.disk()).isEqualTo("coda.root");
    assertThat(p.datestamp()).isEqualTo("20240301002500");
    assertThat(p.partNumber()).isEqualTo(1);
    assertThat(p.partTotal()).isEqualTo(-1);
    assertThat(p.level()).isZero();
    assertThat(p.stats().bytes()).isEqualTo(1015808);
    assertThat(p.stats().origKb()).isEqualTo(2841);

    PartWritten old =
        (PartWritten) only("PART taper TAPE-7 3 host /usr 20090102 2/4 1 [sec 1 bytes 10 kps 1]");
    assertThat(old.label()).isEqualTo("TAPE-7");
    assertThat(old.datestamp()).isEqualTo("20090102");
    assertThat(old.partTotal()).isEqualTo(4);
  }

  @Test
  void partPartialCarriesTheErrorText() {
    PartWritten p =
        (PartWritten)
            only(
                "PARTPARTIAL taper \"ST:codafix\" \"POOL:codafix\" CODA-01 7 localhost coda.root"
                    + " 20240301002500 3/-1 0 [sec 0.001170 bytes 98304 kps 82051.282051 orig-kb"
                    + " 2841] \"No space left on device\"");
    assertThat(p.broken()).isTrue();
    assertThat(p.partNumber()).isEqualTo(3);
    assertThat(p.error()).isEqualTo("No space left on device");
    assertThat(p.stats().bytes()).isEqualTo(98304);
  }

  @Test
  void doneTaperWithThreeCrcs() {
    TaperResult d =
        (TaperResult)
            only(
                "DONE taper \"ST:codafix\" \"POOL:codafix\" localhost coda.root 20240301002500 3 0"
                    + " caf7e84e:2909098 2fab80ff:2903285 2fab80ff:2903285 [sec 0.100000 bytes"
                    + " 2903285 kps 28350.000000 orig-kb 2841]");
    assertThat(d.partial()).isFalse();
    assertThat(d.parts()).isEqualTo(3);
    assertThat(d.level()).isZero();
    assertThat(d.nativeCrc()).isEqualTo("caf7e84e:2909098");
    assertThat(d.clientCrc()).isEqualTo("2fab80ff:2903285");
    assertThat(d.serverCrc()).isEqualTo("2fab80ff:2903285");
    assertThat(d.stats().bytes()).isEqualTo(2903285);
  }

  @Test
  void partialTaperWithUnknownCrcs() {
    TaperResult d =
        (TaperResult)
            only(
                "PARTIAL taper \"ST:codafix\" \"POOL:codafix\" localhost u.alice 20240304072400 1 2"
                    + " 00000000:0 00000000:0 85473835:166302 [sec 0.100000 bytes 166302 kps"
                    + " 1620.000000 orig-kb 0]");
    assertThat(d.partial()).isTrue();
    assertThat(d.nativeCrc()).isNull();
    assertThat(d.clientCrc()).isNull();
    assertThat(d.serverCrc()).isEqualTo("85473835:166302");
    assertThat(d.level()).isEqualTo(2);
  }

  @Test
  void successDumperAndChunker() {
    DumperResult d =
        (DumperResult)
            only(
                "SUCCESS dumper localhost coda.root 20240301002500 0 caf7e84e:2909098"
                    + " 2fab80ff:2903285 [sec 1.227 kb 2835 kps 2308.8 orig-kb 2841]");
    assertThat(d.strange()).isFalse();
    assertThat(d.datestamp()).isEqualTo("20240301002500");
    assertThat(d.nativeCrc()).isEqualTo("caf7e84e:2909098");
    assertThat(d.stats().kb()).isEqualTo(2835);
    ChunkerResult c =
        (ChunkerResult)
            only(
                "SUCCESS chunker localhost u.alice 20240305070000 1 ab6a21dd:2263234 [sec 1.187301"
                    + " kb 2210 kps 1861.364557]");
    assertThat(c.partial()).isFalse();
    assertThat(c.serverCrc()).isEqualTo("ab6a21dd:2263234");
    assertThat(c.level()).isEqualTo(1);
  }

  @Test
  void strangeTakesTheDatestampFromStartAndKeepsContinuationLines() {
    AmandaLog log =
        parser.parse(
            "START planner date 20240305070000\n"
                + "START driver date 20240305070000\n"
                + "STRANGE dumper localhost u.alice 1 44e2ef1c:2273900 44e2ef1c:2273900 [sec 0.233"
                + " kb 2220 kps 9512.7 orig-kb 2221]\n"
                + "  sendbackup: info BACKUP=APPLICATION\n"
                + "  ? coda volume u.alice: injected warning (volume busy, dumped anyway)\n"
                + "  sendbackup: end\n"
                + "SUCCESS chunker localhost u.alice 20240305070000 1 ab6a21dd:2263234 [sec 1.18"
                + " kb 2210 kps 1861.3]\n",
            "log.20240305070000.0");
    assertThat(log.problems()).isEmpty();
    DumperResult s = (DumperResult) log.records().get(2);
    assertThat(s.strange()).isTrue();
    assertThat(s.datestamp()).isEqualTo("20240305070000");
    assertThat(s.level()).isEqualTo(1);
    assertThat(s.messages())
        .containsExactly(
            "sendbackup: info BACKUP=APPLICATION",
            "? coda volume u.alice: injected warning (volume busy, dumped anyway)",
            "sendbackup: end");
    assertThat(log.records().get(3)).isInstanceOf(ChunkerResult.class);
  }

  @Test
  void anImpossibleDateIsALineProblemNotACatalogEntry() {
    AmandaLog log =
        parser.parse(
            "START planner date 20240305070000\n"
                + "START driver date 20240305070000\n"
                + "SUCCESS chunker localhost u.alice 20241399070000 1 ab6a21dd:2263234 [sec 1.18"
                + " kb 2210 kps 1861.3]\n",
            "log.20240305070000.0");
    assertThat(log.problems()).hasSize(1);
    assertThat(log.problems().get(0).toString())
        .startsWith("log.20240305070000.0:3: ")
        .contains("'20241399070000' is not a datestamp");
    assertThat(log.records()).noneMatch(ChunkerResult.class::isInstance);
  }

  @Test
  void strangeBeforeAnyStartIsAProblem() {
    AmandaLog log =
        parser.parse("STRANGE dumper localhost u.alice 1 44e2ef1c:2273900 44e2ef1c:2273900\n", "f");
    assertThat(log.records()).isEmpty();
    assertThat(log.problems()).hasSize(1);
    assertThat(log.problems().get(0).toString()).startsWith("f:1: ").contains("START");
  }

  @Test
  void failWithReasonAndContinuation() {
    AmandaLog log =
        parser.parse(
            "START planner date 20240304072400\n"
                + "FAIL dumper localhost u.alice 20240304072400 2 [missing size line from"
                + " sendbackup]\n"
                + "  sendbackup: info BACKUP=APPLICATION\n"
                + "  ? coda volume u.alice: volutil dump aborted (injected failure)\n",
            "log");
    Failure f = (Failure) log.records().get(1);
    assertThat(f.program()).isEqualTo("dumper");
    assertThat(f.level()).isEqualTo(2);
    assertThat(f.reason()).isEqualTo("missing size line from sendbackup");
    assertThat(f.messages()).hasSize(2);
  }

  @Test
  void quotedDiskNameAndEightDigitDatestamps() {
    AmandaLog log =
        parser.parse(
            "START planner date 20090102\n"
                + "DISK planner fs1 \"/vicepa/my vol\"\n"
                + "PART taper TAPE-1 1 fs1 \"/vicepa/my vol\" 20090102 1/-1 0 [sec 1 bytes 5 kps"
                + " 1]\n"
                + "DONE taper fs1 \"/vicepa/my vol\" 20090102 1 0 [sec 1 bytes 5 kps 1]\n",
            "log.20090102.0");
    assertThat(log.problems()).isEmpty();
    assertThat(log.runDatestamp()).isEqualTo("20090102");
    assertThat(((DiskListed) log.records().get(1)).disk()).isEqualTo("/vicepa/my vol");
    TaperResult d = (TaperResult) log.records().get(3);
    assertThat(d.disk()).isEqualTo("/vicepa/my vol");
    assertThat(d.nativeCrc()).isNull();
    assertThat(log.dumps()).hasSize(1);
    assertThat(log.dumps().get(0).status()).isEqualTo(DumpStatus.OK);
  }

  @Test
  void garbageAndUnknownLinesAreReportedWithLineNumbersAndSkipped() {
    AmandaLog log =
        parser.parse(
            "START planner date 20240301002500\n"
                + "this is not a log line\n"
                + "FROBNICATE planner x\n"
                + "PART taper \"ST:codafix\" CODA-01 notanumber localhost d 20240301002500 1/-1 0\n"
                + "DONE taper localhost d 2024030100 1 0\n"
                + "DONE taper localhost d 20240301002500 1 0 cafe:12 [sec 1 bytes 12]\n"
                + "DISK planner \"unterminated\n"
                + "  orphan continuation? no - follows a bad line\n"
                + "CHUNK dumper localhost d 20240301002500 1\n"
                + "INFO taper still fine\n",
            "log.20240301002500.0");
    assertThat(log.problems())
        .extracting(LineProblem::line)
        .containsExactly(2, 3, 4, 5, 6, 7, 8, 9);
    assertThat(log.problems().get(1).message()).contains("unknown record type FROBNICATE");
    assertThat(log.problems().get(3).message()).contains("not a datestamp");
    assertThat(log.problems().get(4).message()).contains("3 CRC words");
    assertThat(log.problems().get(5).message()).contains("unterminated");
    assertThat(log.problems().get(6).message()).contains("continuation line");
    assertThat(log.problems().get(7).message()).contains("CHUNK");
    assertThat(log.records()).hasSize(2);
    assertThat(log.lineCount()).isEqualTo(10);
  }

  @Test
  void truncatedLastLineIsAProblemNotAFailure() {
    AmandaLog log =
        parser.parse(
            "START planner date 20240301002500\n"
                + "PART taper \"ST:codafix\" \"POOL:codafix\" CODA-01 5 localhost coda.root"
                + " 20240301002500 1/-1 0 [sec 0.000568 bytes 1015808 kps 1746478.873239 orig-kb"
                + " 2841]\n"
                + "DONE taper \"ST:codafix\" \"POOL:codafix\" localhost coda.root 2024",
            "log.20240301002500.0");
    assertThat(log.problems()).hasSize(1);
    assertThat(log.problems().get(0).line()).isEqualTo(3);
    // The dump has a part but no DONE: it is partial, not OK.
    assertThat(log.dumps())
        .singleElement()
        .extracting(AmandaLogDump::status)
        .isEqualTo(DumpStatus.PARTIAL);
  }

  @Test
  void logsWithoutDumpLines() {
    AmandaLog log = parser.parse("INFO amfetchdump fetchdump pid 6508\n", "log.20240310102400.0");
    assertThat(log.problems()).isEmpty();
    assertThat(log.runDatestamp()).isNull();
    assertThat(log.dumps()).isEmpty();
    assertThat(parser.parse("", "empty").records()).isEmpty();
  }

  @Test
  void readsFilesWithInvalidUtf8(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("log.20240301002500.0");
    byte[] head =
        "START planner date 20240301002500\nDISK planner h \"caf".getBytes(StandardCharsets.UTF_8);
    byte[] tail = "\"\n".getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[head.length + 1 + tail.length];
    System.arraycopy(head, 0, all, 0, head.length);
    all[head.length] = (byte) 0xE9;
    System.arraycopy(tail, 0, all, head.length + 1, tail.length);
    Files.write(f, all);
    AmandaLog log = parser.parse(f, "log.20240301002500.0");
    assertThat(log.problems()).isEmpty();
    assertThat(((DiskListed) log.records().get(1)).disk()).startsWith("caf").hasSize(4);
  }
}
