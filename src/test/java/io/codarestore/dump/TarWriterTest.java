package io.codarestore.dump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tar writer, read back by GNU tar (the machine's tar) and checked byte by byte. */
class TarWriterTest {
  @TempDir Path tmp;

  private static final String LONG_DIR = "./" + "d".repeat(120) + "/" + "e".repeat(90);
  private static final String LONG_NAME = LONG_DIR + "/" + "f".repeat(200) + ".bin";
  private static final String UNICODE = "./Übung/日本語のファイル 😀.txt";
  private static final String LONG_TARGET = "../".repeat(40) + "target-" + "t".repeat(150);

  private static void assumeTar() {
    assumeTrue(
        Files.isExecutable(Path.of("/usr/bin/tar")) || Files.isExecutable(Path.of("/bin/tar")),
        "tar not installed");
  }

  private Path writeSample() throws IOException {
    Path tar = tmp.resolve("s.tar");
    try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(tar))) {
      TarWriter w = new TarWriter(os);
      w.directory("./", 0755, 0, 1_700_000_000L);
      w.directory("./Übung", 0750, 1000, 1_700_000_001L);
      w.directory(LONG_DIR.substring(0, LONG_DIR.lastIndexOf('/')), 0700, 1000, 1_700_000_002L);
      w.directory(LONG_DIR, 0700, 1000, 1_700_000_003L);
      byte[] data = new byte[1000];
      for (int i = 0; i < data.length; i++) {
        data[i] = (byte) i;
      }
      w.beginFile(LONG_NAME, 04755, 3_000_000L, 1_700_000_004L, data.length);
      w.write(data, 0, 10);
      w.write(data, 10, data.length - 10);
      w.endFile();
      w.file(UNICODE, 0640, 2106, 1_700_000_005L, "hello".getBytes(StandardCharsets.UTF_8));
      w.file("./empty", 0600, 0, 1_700_000_006L, new byte[0]);
      w.symlink("./Übung/long-link", LONG_TARGET, 0777, 1000, 1_700_000_007L);
      w.symlink("./Übung/ü-link", "Übersicht ü", 0777, 1000, 1_700_000_008L);
      w.hardLink("./Übung/hard " + "h".repeat(110), UNICODE, 0640, 2106, 1_700_000_005L);
      w.finish();
    }
    return tar;
  }

  @Test
  void gnuTarListsEveryMemberUnmangled() throws Exception {
    assumeTar();
    Path tar = writeSample();
    assertThat(Files.size(tar) % 512).isZero();
    List<String> lines =
        run("tar", "-t", "-v", "--numeric-owner", "--full-time", "--utc", "-f", tar.toString());
    Map<String, String> byName = new LinkedHashMap<>();
    for (String l : lines) {
      String[] f = l.split(" +", 6);
      byName.put(f[5], f[0] + " " + f[1] + " " + f[2] + " " + f[3] + " " + f[4]);
    }
    assertThat(byName.keySet())
        .containsExactly(
            "./",
            "./Übung/",
            LONG_DIR.substring(0, LONG_DIR.lastIndexOf('/')) + "/",
            LONG_DIR + "/",
            LONG_NAME,
            UNICODE,
            "./empty",
            "./Übung/long-link -> " + LONG_TARGET,
            "./Übung/ü-link -> Übersicht ü",
            "./Übung/hard " + "h".repeat(110) + " link to " + UNICODE);
    assertThat(byName.get(LONG_NAME)).isEqualTo("-rwsr-xr-x 3000000/0 1000 2023-11-14 22:13:24");
    assertThat(byName.get(UNICODE)).isEqualTo("-rw-r----- 2106/0 5 2023-11-14 22:13:25");
    assertThat(byName.get("./Übung/")).isEqualTo("drwxr-x--- 1000/0 0 2023-11-14 22:13:21");
  }

  @Test
  void gnuTarExtractsTheSameBytes() throws Exception {
    assumeTar();
    Path tar = writeSample();
    Path out = Files.createDirectory(tmp.resolve("x"));
    run("tar", "-x", "-p", "-f", tar.toString(), "-C", out.toString());
    byte[] data = Files.readAllBytes(out.resolve(LONG_NAME));
    assertThat(data).hasSize(1000);
    for (int i = 0; i < data.length; i++) {
      assertThat(data[i]).isEqualTo((byte) i);
    }
    assertThat(out.resolve(UNICODE)).hasContent("hello");
    assertThat(Files.readSymbolicLink(out.resolve("Übung/long-link")).toString())
        .isEqualTo(LONG_TARGET);
    assertThat(Files.getAttribute(out.resolve("Übung/hard " + "h".repeat(110)), "unix:ino"))
        .isEqualTo(Files.getAttribute(out.resolve(UNICODE), "unix:ino"));
    assertThat(Files.getAttribute(out.resolve(LONG_NAME), "unix:mode", LinkOption.NOFOLLOW_LINKS))
        .isEqualTo(0104755);
  }

  @Test
  void headersAreUstarWithValidChecksumsAndPaxOnlyWhereNeeded() throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    TarWriter w = new TarWriter(b);
    w.file("./short.txt", 0644, 1000, 1_700_000_000L, "abc".getBytes(StandardCharsets.US_ASCII));
    w.file("./" + "p".repeat(150) + "/name", 0644, 1000, 1_700_000_000L, new byte[0]);
    w.file("./ü", 0644, 1000, 1_700_000_000L, new byte[0]);
    w.finish();
    byte[] t = b.toByteArray();
    // short name: one header + one data block; long ASCII path: split into prefix + name, no pax;
    // non-ASCII: a pax header first.
    List<Character> types = new ArrayList<>();
    int off = 0;
    while (off < t.length && t[off] != 0) {
      assertThat(new String(t, off + 257, 6, StandardCharsets.US_ASCII)).isEqualTo("ustar\0");
      assertThat(new String(t, off + 263, 2, StandardCharsets.US_ASCII)).isEqualTo("00");
      long sum = 0;
      for (int i = 0; i < 512; i++) {
        sum += (i >= 148 && i < 156) ? ' ' : (t[off + i] & 0xFF);
      }
      assertThat(Long.parseLong(new String(t, off + 148, 6, StandardCharsets.US_ASCII), 8))
          .isEqualTo(sum);
      types.add((char) t[off + 156]);
      long size = Long.parseLong(new String(t, off + 124, 11, StandardCharsets.US_ASCII), 8);
      off += 512 + (int) ((size + 511) / 512 * 512);
    }
    assertThat(types).containsExactly('0', '0', 'x', '0');
    assertThat(new String(t, 512 * 2 + 345, 152, StandardCharsets.US_ASCII))
        .isEqualTo("./" + "p".repeat(150));
    assertThat(t.length - off).isEqualTo(1024);
  }

  @Test
  void paxRecordLengthsCountThemselves() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("path", "x".repeat(91));
    byte[] r = TarWriter.paxRecords(m);
    // 98 bytes without the length; "98 " would make 100, which needs three digits: 101
    assertThat(r).hasSize(101);
    assertThat(new String(r, StandardCharsets.UTF_8)).startsWith("101 path=x");
    m.put("path", "ü".repeat(3));
    String two = new String(TarWriter.paxRecords(m), StandardCharsets.UTF_8);
    assertThat(Integer.parseInt(two.substring(0, two.indexOf(' '))))
        .isEqualTo(two.getBytes(StandardCharsets.UTF_8).length);
  }

  private static List<String> run(String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    List<String> out =
        new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    assertThat(p.waitFor()).as("%s: %s", String.join(" ", cmd), out).isZero();
    return out;
  }
}
