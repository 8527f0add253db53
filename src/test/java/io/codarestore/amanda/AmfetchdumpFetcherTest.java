package io.codarestore.amanda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.codarestore.core.Cancellation;
import io.codarestore.core.ProgressListener;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AmfetchdumpFetcherTest {
  @TempDir Path dir;

  private static final FetchRequest REQUEST =
      new FetchRequest("localhost", "u.alice", "20240310082400", 1, List.of(), null, null);

  private static String user() {
    return System.getProperty("user.name");
  }

  @Test
  void cancelStopsAnAmfetchdumpThatHangsBeforeItsFirstByteWithinTwoSeconds() throws Exception {
    Path script = dir.resolve("hanging-amfetchdump");
    Files.writeString(script, "#!/bin/sh\necho 'Reading label CODA-04' >&2\nsleep 600\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    AmfetchdumpFetcher hanging =
        new AmfetchdumpFetcher("codafix", user(), script.toString(), DumpStartCheck.NONE);
    Cancellation cancel = Cancellation.none();
    java.util.concurrent.atomic.AtomicLong at = new java.util.concurrent.atomic.AtomicLong();
    Thread t =
        new Thread(
            () -> {
              try {
                Thread.sleep(700);
              } catch (InterruptedException e) {
                return;
              }
              at.set(System.nanoTime());
              cancel.cancel();
            });
    t.start();
    assertThatThrownBy(
            () ->
                hanging.fetch(REQUEST, new ByteArrayOutputStream(), ProgressListener.NONE, cancel))
        .isInstanceOf(Cancellation.CancelledException.class);
    long ended = System.nanoTime();
    t.join();
    assertThat(ended - at.get()).isLessThan(2_000_000_000L);
    assertThat(
            ProcessHandle.current()
                .descendants()
                .filter(p -> p.info().commandLine().orElse("").contains("sleep 600")))
        .isEmpty();
  }

  @Test
  void runsAsTheAmandaUserWithAnArgumentArray() {
    FetchRequest spaced =
        new FetchRequest("vm", "/vicepa/my vol; rm -rf /", "20240310", 0, List.of(), null, null);
    AmfetchdumpFetcher asOther =
        new AmfetchdumpFetcher(
            "codafix", "amanda-" + user(), "/usr/sbin/amfetchdump", DumpStartCheck.NONE);
    List<String> cmd = asOther.command(spaced);
    List<String> prefix =
        FetchFixture.isRoot()
            ? List.of("runuser", "-u", "amanda-root", "--")
            : List.of("sudo", "-n", "-u", "amanda-" + user(), "--");
    assertThat(cmd.subList(0, prefix.size())).isEqualTo(prefix);
    assertThat(cmd.subList(prefix.size(), cmd.size()))
        .containsExactly(
            "/usr/sbin/amfetchdump",
            "-p",
            "-h",
            "--exact-match",
            "codafix",
            "vm",
            "/vicepa/my vol; rm -rf /",
            "20240310");

    AmfetchdumpFetcher asSelf =
        new AmfetchdumpFetcher("codafix", user(), "amfetchdump", DumpStartCheck.NONE);
    assertThat(asSelf.command(REQUEST).get(0)).isEqualTo("amfetchdump");

    FetchRequest option =
        new FetchRequest("-oops", "u.alice", "20240310", 0, List.of(), null, null);
    assertThatThrownBy(() -> asSelf.command(option)).hasMessageContaining("bad host name");
  }

  /** A stand-in amfetchdump: writes a header and data, chatters on stderr, exits with rc. */
  private AmfetchdumpFetcher fake(String headerText, byte[] data, int rc) throws IOException {
    Path header =
        Files.write(
            dir.resolve("header"),
            headerText.isEmpty() ? new byte[0] : TestHeaders.block(headerText));
    Path payload = Files.write(dir.resolve("payload"), data);
    Path script = dir.resolve("fake-amfetchdump");
    Files.writeString(
        script,
        "#!/bin/sh\n"
            + "echo \"args: $*\" >&2\n"
            + "echo \"Reading label 'CODA-04' filenum 3\" >&2\n"
            + "cat '"
            + header
            + "' '"
            + payload
            + "'\n"
            + "exit "
            + rc
            + "\n",
        StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    return new AmfetchdumpFetcher("codafix", user(), script.toString(), DumpStartCheck.NONE);
  }

  private static String header(String hostDisk, int level, String comp, Crc nativeCrc) {
    return "AMANDA: SPLIT_FILE 20240310082400 "
        + hostDisk
        + "  part 1/-1  lev "
        + level
        + " comp "
        + comp
        + " program APPLICATION\nAPPLICATION=amcodavol\n"
        + (nativeCrc == null ? "" : "NATIVE-CRC=" + nativeCrc + "\n");
  }

  @Test
  void streamsTheDumpAfterCheckingItsHeaderAndCrc() throws IOException {
    byte[] data = TestVtapes.codaDump("u.alice.0.backup", 1, 200_000, 5);
    Crc crc = TestVtapes.crc(data);
    AmfetchdumpFetcher fetcher = fake(header("localhost u.alice", 1, "N", crc), data, 0);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    VtapeFetcherTest.Recorder progress = new VtapeFetcherTest.Recorder();
    FetchResult r = fetcher.fetch(REQUEST, out, progress, Cancellation.none());
    assertThat(out.toByteArray()).isEqualTo(data);
    assertThat(r.nativeCrc()).isEqualTo(crc);
    assertThat(r.nativeVerified()).isTrue();
    assertThat(r.storedBytes()).isEqualTo(-1);
    assertThat(progress.total).isEqualTo(data.length);
    assertThat(progress.done).isSorted().last().isEqualTo((long) data.length);

    FetchRequest withCrc =
        new FetchRequest("localhost", "u.alice", "20240310082400", 1, List.of(), crc, null);
    assertThat(
            fetcher
                .fetch(
                    withCrc,
                    new ByteArrayOutputStream(),
                    ProgressListener.NONE,
                    Cancellation.none())
                .nativeVerified())
        .isTrue();

    AmfetchdumpFetcher noCrc = fake(header("localhost u.alice", 1, "N", null), data, 0);
    FetchResult unverified =
        noCrc.fetch(
            REQUEST, new ByteArrayOutputStream(), ProgressListener.NONE, Cancellation.none());
    assertThat(unverified.nativeVerified()).isFalse();
    assertThat(unverified.warnings()).singleElement().asString().contains("no NATIVE-CRC");
  }

  @Test
  void aDumpThatIsNotTheOneAskedForIsRefusedBeforeAnythingIsWritten() throws IOException {
    byte[] data = TestVtapes.codaDump("u.alice.0.backup", 2, 50_000, 5);
    AmfetchdumpFetcher fetcher = fake(header("localhost u.alice", 2, "N", null), data, 0);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThatThrownBy(
            () -> fetcher.fetch(REQUEST, out, ProgressListener.NONE, Cancellation.none()))
        .isInstanceOf(HeaderMismatchException.class)
        .hasMessageContaining(
            "amfetchdump returned another dump than localhost:u.alice 20240310082400 level 1")
        .hasMessageContaining("its header says level 2");
    assertThat(out.size()).isZero();

    AmfetchdumpFetcher compressed = fake(header("localhost u.alice", 1, ".gz", null), data, 0);
    assertThatThrownBy(
            () -> compressed.fetch(REQUEST, out, ProgressListener.NONE, Cancellation.none()))
        .isInstanceOf(HeaderMismatchException.class)
        .hasMessageContaining("still compressed");
  }

  @Test
  void theCodaDumpHeaderIsCheckedToo() throws IOException {
    byte[] bob = TestVtapes.codaDump("u.bob.0.backup", 1, 50_000, 5);
    fake(header("localhost u.alice", 1, "N", null), bob, 0);
    AmfetchdumpFetcher checking =
        new AmfetchdumpFetcher(
            "codafix", user(), dir.resolve("fake-amfetchdump").toString(), new CodaDumpCheck());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThatThrownBy(
            () -> checking.fetch(REQUEST, out, ProgressListener.NONE, Cancellation.none()))
        .isInstanceOf(DumpMismatchException.class)
        .hasMessageContaining("u.bob.0.backup, which is not a clone of u.alice");
    assertThat(out.size()).isZero();
  }

  @Test
  void aCrcMismatchAndAFailedRunAreReported() throws IOException {
    byte[] data = TestVtapes.codaDump("u.alice.0.backup", 1, 50_000, 5);
    Crc wrong = new Crc(TestVtapes.crc(data).crc32c() ^ 4, data.length);
    AmfetchdumpFetcher bad = fake(header("localhost u.alice", 1, "N", wrong), data, 0);
    assertThatThrownBy(
            () ->
                bad.fetch(
                    REQUEST,
                    OutputStream.nullOutputStream(),
                    ProgressListener.NONE,
                    Cancellation.none()))
        .isInstanceOf(ChecksumMismatchException.class)
        .hasMessageContaining("NATIVE-CRC " + wrong);

    AmfetchdumpFetcher failing = fake(header("localhost u.alice", 1, "N", null), data, 3);
    assertThatThrownBy(
            () ->
                failing.fetch(
                    REQUEST,
                    OutputStream.nullOutputStream(),
                    ProgressListener.NONE,
                    Cancellation.none()))
        .isInstanceOf(AmfetchdumpException.class)
        .hasMessageContaining("exited with status 3")
        .hasMessageContaining("Reading label 'CODA-04' filenum 3")
        .hasMessageContaining("args: -p -h --exact-match codafix localhost u.alice 20240310082400");

    AmfetchdumpFetcher silent = fake("", new byte[0], 1);
    assertThatThrownBy(
            () ->
                silent.fetch(
                    REQUEST,
                    OutputStream.nullOutputStream(),
                    ProgressListener.NONE,
                    Cancellation.none()))
        .isInstanceOf(AmfetchdumpException.class)
        .hasMessageContaining("it wrote no dump");

    AmfetchdumpFetcher missing =
        new AmfetchdumpFetcher(
            "codafix", user(), dir.resolve("nope").toString(), DumpStartCheck.NONE);
    assertThatThrownBy(
            () ->
                missing.fetch(
                    REQUEST,
                    OutputStream.nullOutputStream(),
                    ProgressListener.NONE,
                    Cancellation.none()))
        .isInstanceOf(AmfetchdumpException.class)
        .hasMessageContaining("cannot run");
  }

  @Test
  void fetchToFileLeavesNothingWhenAmfetchdumpFails() throws IOException {
    byte[] data = TestVtapes.codaDump("u.alice.0.backup", 1, 50_000, 5);
    AmfetchdumpFetcher failing = fake(header("localhost u.alice", 1, "N", null), data, 2);
    Path outDir = Files.createDirectories(dir.resolve("out"));
    assertThatThrownBy(
            () ->
                failing.fetchToFile(
                    REQUEST, outDir.resolve("x.dump"), ProgressListener.NONE, Cancellation.none()))
        .isInstanceOf(AmfetchdumpException.class);
    try (var files = Files.list(outDir)) {
      assertThat(files).isEmpty();
    }
  }

  /** Through the real amfetchdump of the built fixture, as user backup (root only). */
  @Test
  void fetchesFromTheRealFixtureThroughAmfetchdump() {
    assumeTrue(Files.isExecutable(Path.of("/usr/sbin/amfetchdump")), "amfetchdump not installed");
    FetchFixture fixture = FetchFixture.get();
    JsonNode biggest =
        fixture.dumpsOnTape().stream()
            .filter(d -> d.get("disk").asText().equals("u.alice"))
            .max(Comparator.comparingInt(d -> d.get("nparts").asInt()))
            .orElseThrow();
    FetchRequest request = fixture.request(biggest);
    AmfetchdumpFetcher fetcher = new AmfetchdumpFetcher(fixture.config);
    assertThat(fetcher.command(request)).startsWith("runuser", "-u", "backup", "--");
    assertThat(VtapeFetcherFixtureTest.sha256(request, fetcher))
        .isIn(fixture.expectedSha256(request));

    FetchRequest wrongLevel =
        new FetchRequest(
            request.host(),
            request.disk(),
            request.datestamp(),
            request.level() + 1,
            List.of(),
            null,
            null);
    assertThatThrownBy(() -> VtapeFetcherFixtureTest.sha256(wrongLevel, fetcher))
        .isInstanceOf(HeaderMismatchException.class)
        .hasMessageContaining("its header says level " + request.level());

    FetchRequest noSuchRun =
        new FetchRequest(
            request.host(), request.disk(), "19990101000000", 0, List.of(), null, null);
    assertThatThrownBy(() -> VtapeFetcherFixtureTest.sha256(noSuchRun, fetcher))
        .isInstanceOf(AmfetchdumpException.class)
        .hasMessageContaining("amfetchdump");
  }
}
