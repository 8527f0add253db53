package io.codarestore.amanda;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How the records of one log become dumps (spec amanda-catalog.md §4.4–4.6, §8). */
class AmandaLogDumpsTest {
  private final AmandaLogParser parser = new AmandaLogParser();

  private List<AmandaLogDump> dumps(String text) {
    AmandaLog log = parser.parse(text, "log");
    assertThat(log.problems()).isEmpty();
    return log.dumps();
  }

  static final String SPLIT_ACROSS_TAPES =
      "START planner date 20240301002500\n"
          + "START driver date 20240301002500\n"
          + "SUCCESS dumper localhost coda.root 20240301002500 0 caf7e84e:2909098 2fab80ff:2903285"
          + " [sec 1.227 kb 2835 kps 2308.8 orig-kb 2841]\n"
          + "SUCCESS chunker localhost coda.root 20240301002500 0 2fab80ff:2903285 [sec 1.186195 kb"
          + " 2835 kps 2389.994900]\n"
          + "START taper datestamp 20240301002500 \"ST:codafix\" \"POOL:codafix\" label CODA-01 tape"
          + " 1\n"
          + "PART taper \"ST:codafix\" \"POOL:codafix\" CODA-01 5 localhost coda.root 20240301002500"
          + " 1/-1 0 [sec 0.000568 bytes 1015808 kps 1746478.873239 orig-kb 2841]\n"
          + "PART taper \"ST:codafix\" \"POOL:codafix\" CODA-01 6 localhost coda.root 20240301002500"
          + " 2/-1 0 [sec 0.000533 bytes 1015808 kps 1861163.227017 orig-kb 2841]\n"
          + "PARTPARTIAL taper \"ST:codafix\" \"POOL:codafix\" CODA-01 7 localhost coda.root"
          + " 20240301002500 3/-1 0 [sec 0.001170 bytes 98304 kps 82051.282051 orig-kb 2841] \"No"
          + " space left on device\"\n"
          + "INFO taper Will request retry of failed split part.\n"
          + "INFO taper tape CODA-01 kb 5708 fm 7 [OK]\n"
          + "START taper datestamp 20240301002500 \"ST:codafix\" \"POOL:codafix\" label CODA-02 tape"
          + " 2\n"
          + "PART taper \"ST:codafix\" \"POOL:codafix\" CODA-02 1 localhost coda.root 20240301002500"
          + " 3/-1 0 [sec 0.000506 bytes 871669 kps 1681818.181818 orig-kb 2841]\n"
          + "DONE taper \"ST:codafix\" \"POOL:codafix\" localhost coda.root 20240301002500 3 0"
          + " caf7e84e:2909098 2fab80ff:2903285 2fab80ff:2903285 [sec 0.100000 bytes 2903285 kps"
          + " 28350.000000 orig-kb 2841]\n";

  @Test
  void splitDumpAcrossTwoTapesWithADeadPartialPart() {
    AmandaLogDump d = dumps(SPLIT_ACROSS_TAPES).get(0);
    assertThat(d.status()).isEqualTo(DumpStatus.OK);
    assertThat(d.partCount()).isEqualTo(3);
    assertThat(d.bytes()).isEqualTo(2903285);
    assertThat(d.origKb()).isEqualTo(2841);
    assertThat(d.nativeCrc()).isEqualTo("caf7e84e:2909098");
    assertThat(d.serverCrc()).isEqualTo("2fab80ff:2903285");
    assertThat(d.onHoldingDisk()).isFalse();
    assertThat(d.parts())
        .containsExactly(
            new AmandaLogPart(1, "CODA-01", 5, "20240301002500", 1015808, false, null),
            new AmandaLogPart(2, "CODA-01", 6, "20240301002500", 1015808, false, null),
            new AmandaLogPart(
                3, "CODA-01", 7, "20240301002500", 98304, true, "No space left on device"),
            new AmandaLogPart(3, "CODA-02", 1, "20240301002500", 871669, false, null));
  }

  @Test
  void failedDumperWithPartialImageOnTapeIsPartial() {
    List<AmandaLogDump> ds =
        dumps(
            "START planner date 20240304072400\n"
                + "FAIL dumper localhost u.alice 20240304072400 2 [missing size line from"
                + " sendbackup]\n"
                + "  ? coda volume u.alice: volutil dump aborted (injected failure)\n"
                + "  sendbackup: end\n"
                + "PARTIAL chunker localhost u.alice 20240304072400 2 85473835:166302 [sec 0.1 kb"
                + " 162 kps 1620.0]\n"
                + "PART taper \"ST:codafix\" \"POOL:codafix\" CODA-07 5 localhost u.alice"
                + " 20240304072400 1/-1 2 [sec 0.000217 bytes 166302 kps 746543.778802 orig-kb 0]\n"
                + "PARTIAL taper \"ST:codafix\" \"POOL:codafix\" localhost u.alice 20240304072400 1 2"
                + " 00000000:0 00000000:0 85473835:166302 [sec 0.1 bytes 166302 kps 1620.0 orig-kb"
                + " 0]\n");
    assertThat(ds).hasSize(1);
    AmandaLogDump d = ds.get(0);
    assertThat(d.status()).isEqualTo(DumpStatus.PARTIAL);
    assertThat(d.status().isGood()).isFalse();
    assertThat(d.detail())
        .contains("PARTIAL")
        .contains("FAIL dumper: missing size line from sendbackup")
        .contains("? coda volume u.alice: volutil dump aborted")
        .doesNotContain("sendbackup: end");
    // The part is on tape, but the tape start line is missing here: the dump's own datestamp.
    assertThat(d.parts())
        .singleElement()
        .extracting(AmandaLogPart::tapeDatestamp)
        .isEqualTo("20240304072400");
  }

  @Test
  void strangeDumpIsGoodWithWarnings() {
    AmandaLogDump d =
        dumps(
                "START planner date 20240305070000\n"
                    + "STRANGE dumper localhost u.alice 1 44e2ef1c:2273900 44e2ef1c:2273900 [sec"
                    + " 0.233 kb 2220 kps 9512.7 orig-kb 2221]\n"
                    + "  ? coda volume u.alice: injected warning (volume busy, dumped anyway)\n"
                    + "SUCCESS chunker localhost u.alice 20240305070000 1 ab6a21dd:2263234 [sec 1.1"
                    + " kb 2210 kps 1861.3]\n"
                    + "PART taper CODA-08 5 localhost u.alice 20240305070000 1/-1 1 [sec 1 bytes"
                    + " 2263234 kps 1]\n"
                    + "DONE taper localhost u.alice 20240305070000 1 1 44e2ef1c:2273900"
                    + " 44e2ef1c:2273900 ab6a21dd:2263234 [sec 0.1 bytes 2263234 kps 1 orig-kb"
                    + " 2221]\n")
            .get(0);
    assertThat(d.status()).isEqualTo(DumpStatus.OK_WITH_WARNINGS);
    assertThat(d.status().isGood()).isTrue();
    assertThat(d.detail()).contains("injected warning");
    assertThat(d.datestamp()).isEqualTo("20240305070000");
  }

  @Test
  void missingPartMakesTheDumpPartial() {
    AmandaLogDump d =
        dumps(
                "START planner date 20240301002500\n"
                    + "PART taper T1 1 h d 20240301002500 1/-1 0 [sec 1 bytes 10 kps 1]\n"
                    + "PART taper T1 3 h d 20240301002500 3/-1 0 [sec 1 bytes 10 kps 1]\n"
                    + "DONE taper h d 20240301002500 3 0 [sec 1 bytes 30 kps 1]\n")
            .get(0);
    assertThat(d.status()).isEqualTo(DumpStatus.PARTIAL);
    assertThat(d.detail()).contains("part 2 of 3");
  }

  @Test
  void onlyABrokenPartForANumberIsMissing() {
    AmandaLogDump d =
        dumps(
                "START planner date 20240301002500\n"
                    + "PART taper T1 1 h d 20240301002500 1/-1 0 [sec 1 bytes 10 kps 1]\n"
                    + "PARTPARTIAL taper T1 2 h d 20240301002500 2/-1 0 [sec 1 bytes 3 kps 1] \"x\"\n"
                    + "DONE taper h d 20240301002500 2 0 [sec 1 bytes 20 kps 1]\n")
            .get(0);
    assertThat(d.status()).isEqualTo(DumpStatus.PARTIAL);
  }

  @Test
  void failureWithNothingOnTapeIsFailed() {
    AmandaLogDump d =
        dumps(
                "START planner date 20240301002500\n"
                    + "FAIL planner h d 20240301002500 0 [disk offline]\n")
            .get(0);
    assertThat(d.status()).isEqualTo(DumpStatus.FAILED);
    assertThat(d.detail()).isEqualTo("FAIL planner: disk offline");
    assertThat(d.parts()).isEmpty();
  }

  @Test
  void dumpOnlyOnTheHoldingDisk() {
    AmandaLogDump d =
        dumps(
                "START planner date 20240301002500\n"
                    + "SUCCESS dumper h d 20240301002500 1 aa:1 aa:1 [sec 1 kb 1 kps 1 orig-kb 1]\n"
                    + "SUCCESS chunker h d 20240301002500 1 aa:1 [sec 1 kb 1 kps 1]\n")
            .get(0);
    assertThat(d.status()).isEqualTo(DumpStatus.OK);
    assertThat(d.onHoldingDisk()).isTrue();
  }

  /**
   * The log of a real {@code amdump} run (Amanda 3.5.1) that found no tape: every dump went to the
   * holding disk and stayed there.
   */
  static final String NO_TAPE_RUN =
      "INFO amdump amdump pid 31401\n"
          + "START planner date 20240311084900\n"
          + "DISK planner localhost coda.root\n"
          + "DISK planner localhost u.alice\n"
          + "START driver date 20240311084900\n"
          + "ERROR taper no-tape error [directory '/tmp/cra-hold-dev3/vtapes' does not exist]\n"
          + "FINISH planner date 20240311084900 time 2.781\n"
          + "SUCCESS dumper localhost coda.root 20240311084900 3 69df52e5:448530 1ce4f783:432182"
          + " [sec 1.205 kb 422 kps 350.1 orig-kb 439]\n"
          + "SUCCESS chunker localhost coda.root 20240311084900 3 1ce4f783:432182 [sec 1.164304 kb"
          + " 422 kps 362.448295]\n"
          + "SUCCESS dumper localhost u.alice 20240311084900 2 f5e402f4:2635709 f5e402f4:2635709"
          + " [sec 0.287 kb 2573 kps 8965.0 orig-kb 2574]\n"
          + "SUCCESS chunker localhost u.alice 20240311084900 2 ffbc2a32:2623346 [sec 1.246154 kb"
          + " 2561 kps 2055.123203]\n"
          + "FINISH driver date 20240311084900 time 8.095\n";

  @Test
  void runWithoutATapeLeavesWholeDumpsOnTheHoldingDisk() {
    List<AmandaLogDump> all = dumps(NO_TAPE_RUN);
    assertThat(all).hasSize(2);
    AmandaLogDump alice = all.get(1);
    assertThat(alice.disk()).isEqualTo("u.alice");
    assertThat(alice.status()).isEqualTo(DumpStatus.OK);
    assertThat(alice.onHoldingDisk()).isTrue();
    assertThat(alice.partCount()).isEqualTo(-1);
    assertThat(alice.parts()).isEmpty();
    // The stored bytes are the chunker's: server-compressed, so not the client CRC's length.
    assertThat(alice.serverCrc()).isEqualTo("ffbc2a32:2623346");
    assertThat(alice.bytes()).isEqualTo(2623346);
    assertThat(alice.holdingKb()).isEqualTo(2561);
    assertThat(alice.nativeCrc()).isEqualTo("f5e402f4:2635709");
    assertThat(alice.detail()).isNull();
    assertThat(all.get(0).bytes()).isEqualTo(432182);
  }

  @Test
  void aDumpWholeOnTheHoldingDiskStaysGoodWhenTapingFails() {
    String head =
        "START driver date 20240311084900\n"
            + "SUCCESS dumper h d 20240311084900 1 aa:100 bb:90 [sec 1 kb 0 kps 1 orig-kb 1]\n"
            + "SUCCESS chunker h d 20240311084900 1 bb:90 [sec 1 kb 0 kps 1]\n";
    // The driver gives up after the taper's retries (driver.c file_taper_result); the holding
    // file is only deleted after a DONE taper.
    AmandaLogDump retries =
        dumps(head + "FAIL driver h d 20240311084900 1 [too many taper retries]\n").get(0);
    assertThat(retries.status()).isEqualTo(DumpStatus.OK);
    assertThat(retries.onHoldingDisk()).isTrue();
    assertThat(retries.detail())
        .startsWith("writing it to tape failed (see the FAIL line); the whole dump stayed")
        .contains("FAIL driver: too many taper retries");

    AmandaLogDump partialTape =
        dumps(
                head
                    + "START taper datestamp 20240311084900 \"ST:s\" \"POOL:p\" label T1 tape 1\n"
                    + "PART taper \"ST:s\" \"POOL:p\" T1 1 h d 20240311084900 1/-1 1 [sec 1 bytes"
                    + " 32768 kps 1]\n"
                    + "PARTIAL taper \"ST:s\" \"POOL:p\" h d 20240311084900 1 1 aa:100 bb:90 bb:90"
                    + " [sec 1 bytes 32768 kps 1 orig-kb 1]\n")
            .get(0);
    assertThat(partialTape.status()).isEqualTo(DumpStatus.OK);
    assertThat(partialTape.onHoldingDisk()).isTrue();
    assertThat(partialTape.bytes()).isEqualTo(90);
    assertThat(partialTape.detail())
        .isEqualTo(
            "the taper wrote PARTIAL: only part of the dump is on tape; the whole dump stayed on"
                + " the holding disk");

    AmandaLogDump taperFail =
        dumps(head + "FAIL taper h d 20240311084900 1 [no more tapes]\n").get(0);
    assertThat(taperFail.status()).isEqualTo(DumpStatus.OK);
    assertThat(taperFail.onHoldingDisk()).isTrue();
  }

  @Test
  void aDumpCutShortOnItsWayToTheHoldingDiskIsNotLeftThere() {
    // As the fixture's day-4 u.alice: the client failed, the chunker kept a partial image.
    AmandaLogDump d =
        dumps(
                "START driver date 20240304072400\n"
                    + "FAIL dumper localhost u.alice 20240304072400 2 [missing size line from"
                    + " sendbackup]\n"
                    + "PARTIAL chunker localhost u.alice 20240304072400 2 85473835:166302 [sec"
                    + " 0.100000 kb 162 kps 1620.000000]\n")
            .get(0);
    assertThat(d.status()).isEqualTo(DumpStatus.FAILED);
    assertThat(d.onHoldingDisk()).isFalse();
    // A dumper failure is not a taping failure: the holding file is not a whole dump.
    AmandaLogDump driverGaveUp =
        dumps(
                "START driver date 20240311084900\n"
                    + "SUCCESS dumper h d 20240311084900 1 aa:100 bb:90 [sec 1 kb 0 kps 1]\n"
                    + "SUCCESS chunker h d 20240311084900 1 bb:90 [sec 1 kb 0 kps 1]\n"
                    + "FAIL driver h d 20240311084900 1 [too many dumper retry: [request"
                    + " failed]]\n")
            .get(0);
    assertThat(driverGaveUp.onHoldingDisk()).isFalse();
    assertThat(driverGaveUp.status()).isEqualTo(DumpStatus.FAILED);
  }

  @Test
  void partsWithoutDoneArePartial() {
    AmandaLogDump d =
        dumps(
                "START planner date 20240301002500\n"
                    + "PART taper T1 1 h d 20240301002500 1/-1 0 [sec 1 bytes 10 kps 1]\n")
            .get(0);
    assertThat(d.status()).isEqualTo(DumpStatus.PARTIAL);
    assertThat(d.bytes()).isEqualTo(10);
  }

  @Test
  void retryInTheSameRunGivesTwoAttempts() {
    List<AmandaLogDump> ds =
        dumps(
            "START planner date 20240301002500\n"
                + "PART taper T1 1 h d 20240301002500 1/-1 0 [sec 1 bytes 10 kps 1]\n"
                + "PARTIAL taper h d 20240301002500 1 0 [sec 1 bytes 10 kps 1]\n"
                + "SUCCESS dumper h d 20240301002500 0 aa:1 aa:1 [sec 1 kb 1 kps 1 orig-kb 1]\n"
                + "PART taper T1 2 h d 20240301002500 1/-1 0 [sec 1 bytes 10 kps 1]\n"
                + "DONE taper h d 20240301002500 1 0 [sec 1 bytes 10 kps 1]\n");
    assertThat(ds)
        .extracting(AmandaLogDump::status)
        .containsExactly(DumpStatus.PARTIAL, DumpStatus.OK);
    assertThat(ds.get(1).parts()).extracting(AmandaLogPart::fileNumber).containsExactly(2);
  }

  @Test
  void flushedDumpKeepsItsDatestampButTheTapeGetsTheFlushRuns() {
    AmandaLogDump d =
        dumps(
                "START driver date 20240305000000\n"
                    + "START taper datestamp 20240305000000 label T9 tape 1\n"
                    + "PART taper T9 1 h d 20240301002500 1/-1 0 [sec 1 bytes 10 kps 1]\n"
                    + "DONE taper h d 20240301002500 1 0 [sec 1 bytes 10 kps 1]\n")
            .get(0);
    assertThat(d.datestamp()).isEqualTo("20240301002500");
    assertThat(d.parts().get(0).tapeDatestamp()).isEqualTo("20240305000000");
  }
}
