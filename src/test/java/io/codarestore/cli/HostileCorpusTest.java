package io.codarestore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.codarestore.dump.CraftedDump;
import io.codarestore.dump.DirectoryPagesBuilder;
import io.codarestore.dump.DumpReader;
import io.codarestore.dump.IndexEntry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A seeded corpus of damaged dumps (a truncation at every record boundary and around it, bit flips,
 * absurd lengths and counts) through every command that reads a dump: info, ls, verify, extract to
 * a directory and to a tar file, merge (the damaged dump as the base and as the increment). Each
 * run must end with exit code 0, 1 or 2, print no stack trace or internal error, leave nothing in
 * the output directory when it fails, and leave its inputs unchanged. A merge accepts only inputs
 * verify accepts, and what it writes verifies.
 */
class HostileCorpusTest {
  @TempDir Path dir;

  private static final long SEED = 14;

  record Result(int code, String out, String err) {}

  static Result cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Cli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Result(code, out.toString(), err.toString());
  }

  static byte[] full() {
    byte[] root =
        DirectoryPagesBuilder.directory(1, 1, 1, 1)
            .add("a", 2, 2)
            .add("d", 3, 3)
            .add("l", 4, 4)
            .add("hard", 2, 2)
            .build();
    byte[] d = DirectoryPagesBuilder.directory(3, 3, 1, 1).add("big", 6, 5).build();
    byte[] big = new byte[5000];
    new Random(SEED).nextBytes(big);
    return new CraftedDump()
        .dir(1, 1, 0, 0, 0755, 1_700_000_000, root)
        .dir(3, 3, 1, 1, 0700, 1_700_000_001, d)
        .file(2, 2, 0644, 1_600_000_000, "hello")
        .symlink(4, 4, 1, 1, 1_600_000_001, "a".getBytes(StandardCharsets.US_ASCII))
        .file(6, 5, 3, 3, 0600, 1_600_000_002, big)
        .bytes();
  }

  static byte[] increment() {
    byte[] d =
        DirectoryPagesBuilder.directory(3, 3, 1, 1).add("big", 6, 5).add("new", 8, 6).build();
    byte[] root =
        DirectoryPagesBuilder.directory(1, 1, 1, 1)
            .add("a", 2, 2)
            .add("d", 3, 3)
            .add("hard", 2, 2)
            .build();
    return new CraftedDump()
        .level(1)
        .dir(1, 1, 0, 0, 0755, 1_700_000_100, root)
        .dir(3, 3, 1, 1, 0700, 1_700_000_100, d)
        .file(8, 6, 3, 3, 0644, 1_600_000_100, "new file".getBytes(StandardCharsets.US_ASCII))
        .removed(4, 4)
        .bytes();
  }

  /** Where records, their data and the length fields of a dump lie. */
  static List<Long> boundaries(byte[] dump, List<Long> lengthFields) throws IOException {
    TreeSet<Long> at =
        new TreeSet<>(List.of(0L, 1L, 5L, (long) dump.length - 5, (long) dump.length - 1));
    try (DumpReader r = new DumpReader(new ByteArrayInputStream(dump), "corpus")) {
      r.header();
      at.add(r.offset());
      r.volumeData();
      for (int i = 0; i < 2; i++) {
        at.add(r.offset());
        r.nextIndex();
        IndexEntry e;
        while (true) {
          at.add(r.offset());
          if ((e = r.nextEntry()) == null) {
            break;
          }
          at.add(e.offset());
          if (e instanceof IndexEntry.Vnode v) {
            at.add(v.payloadOffset());
            lengthFields.add(v.payloadOffset() - 4);
          }
        }
      }
      at.add(r.offset());
      r.readEnd();
    }
    return new ArrayList<>(at);
  }

  /** The damaged variants of a dump, named. */
  static List<Object[]> corpus(byte[] good) throws IOException {
    List<Object[]> out = new ArrayList<>();
    List<Long> lengths = new ArrayList<>();
    for (long b : boundaries(good, lengths)) {
      for (long cut : new long[] {b - 1, b, b + 1}) {
        if (cut >= 0 && cut < good.length) {
          out.add(new Object[] {"truncated at " + cut, java.util.Arrays.copyOf(good, (int) cut)});
        }
      }
    }
    Random rnd = new Random(SEED);
    for (int i = 0; i < 120; i++) {
      byte[] b = good.clone();
      int at = rnd.nextInt(b.length);
      b[at] ^= (byte) (1 << rnd.nextInt(8));
      out.add(new Object[] {"bit flip at " + at, b});
    }
    int[] absurd = {-1, Integer.MAX_VALUE, Integer.MIN_VALUE, 0, 129, 1 << 30};
    for (long field : lengths) {
      for (int value : absurd) {
        byte[] b = good.clone();
        ByteBuffer.wrap(b).putInt((int) field, value);
        out.add(new Object[] {"length " + value + " at " + field, b});
      }
    }
    for (int i = 0; i < 40; i++) {
      byte[] b = good.clone();
      int at = rnd.nextInt(b.length - 4);
      ByteBuffer.wrap(b).putInt(at, absurd[rnd.nextInt(absurd.length)]);
      out.add(new Object[] {"absurd int at " + at, b});
    }
    return out;
  }

  @Test
  void everyCommandSurvivesTheCorpus() throws Exception {
    byte[] full = full();
    byte[] incr = increment();
    Path inputs = Files.createDirectory(dir.resolve("in"));
    Path goodFull = Files.write(inputs.resolve("full.dump"), full);
    Path goodIncr = Files.write(inputs.resolve("incr.dump"), incr);
    assertThat(cli("verify", goodFull.toString(), goodIncr.toString()).code()).isZero();
    Path outDir = Files.createDirectory(dir.resolve("out"));
    Result good =
        cli("merge", "--out", outDir + "/m.dump", goodFull.toString(), goodIncr.toString());
    assertThat(good.code()).as(good.err()).isZero();
    assertThat(good.err()).isEmpty();
    clear(outDir);
    int runs = 0;
    int failures = 0;
    for (boolean damagedIsBase : new boolean[] {true, false}) {
      for (Object[] c : corpus(damagedIsBase ? full : incr)) {
        String name = (damagedIsBase ? "full " : "incremental ") + c[0];
        Path bad = Files.write(inputs.resolve("bad.dump"), (byte[]) c[1]);
        byte[] before = Files.readAllBytes(bad);
        boolean verified = cli("verify", bad.toString()).code() == 0;
        List<String[]> commands = new ArrayList<>();
        commands.add(new String[] {"info", bad.toString()});
        commands.add(new String[] {"ls", bad.toString()});
        commands.add(new String[] {"info", "--json", bad.toString()});
        if (damagedIsBase) {
          commands.add(new String[] {"extract", "--to-dir", outDir + "/x", bad.toString()});
          commands.add(new String[] {"extract", "--to-tar", outDir + "/x.tar", bad.toString()});
          commands.add(
              new String[] {
                "merge", "--out", outDir + "/m.dump", bad.toString(), goodIncr.toString()
              });
        } else {
          commands.add(
              new String[] {
                "merge", "--out", outDir + "/m.dump", goodFull.toString(), bad.toString()
              });
        }
        for (String[] cmd : commands) {
          Result r = cli(cmd);
          runs++;
          String what = name + ": " + String.join(" ", cmd) + "\n" + r.err();
          assertThat(r.code()).as(what).isIn(0, 1, 2);
          assertThat(r.err()).as(what).doesNotContain("\tat ", "Exception", "internal error");
          if (r.code() != 0) {
            failures++;
            assertThat(listing(outDir)).as(what + " leaves nothing").isEmpty();
          }
          if (cmd[0].equals("merge")) {
            if (r.code() == 0) {
              assertThat(verified).as(what + " merges only what verify accepts").isTrue();
              Result v = cli("verify", outDir + "/m.dump");
              assertThat(v.code()).as(what + " its output verifies: " + v.err()).isZero();
            }
          }
          clear(outDir);
        }
        assertThat(Files.readAllBytes(bad)).as(name + ": input unchanged").isEqualTo(before);
      }
    }
    assertThat(Files.readAllBytes(goodFull)).isEqualTo(full);
    assertThat(Files.readAllBytes(goodIncr)).isEqualTo(incr);
    // a corpus that does damage: many runs refuse (bit flips in file data are harmless)
    assertThat(failures).as("refused runs of " + runs).isGreaterThan(runs / 4);
  }

  private static List<String> listing(Path d) throws IOException {
    try (Stream<Path> s = Files.list(d)) {
      return s.map(p -> p.getFileName().toString()).toList();
    }
  }

  private static void clear(Path d) throws IOException {
    try (Stream<Path> s = Files.walk(d)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        if (!p.equals(d)) {
          p.toFile().setWritable(true);
          Files.delete(p);
        }
      }
    }
  }
}
