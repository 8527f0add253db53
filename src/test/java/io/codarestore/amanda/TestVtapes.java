package io.codarestore.amanda;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.zip.CRC32C;
import java.util.zip.GZIPOutputStream;

/** Writes chg-disk style vtapes with dumps on them, the way Amanda lays them out. */
final class TestVtapes {
  final Path root;
  private final Map<String, Path> slots = new HashMap<>();
  private final Map<String, Integer> nextFile = new HashMap<>();

  TestVtapes(Path root) {
    this.root = root;
    try {
      Files.createDirectories(root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Path tape(String label) {
    return slots.computeIfAbsent(
        label,
        l -> {
          try {
            Path slot = root.resolve("slot" + (slots.size() + 1));
            Files.createDirectories(slot);
            Files.write(slot.resolve("00000." + l), TestHeaders.tapestart("20240301002500", l));
            nextFile.put(l, 1);
            return slot;
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  /** A dump to put on tape; fields are changed by the tests before {@link #write()}. */
  final class Dump {
    String host = "localhost";
    String disk = "u.alice";
    String datestamp = "20240306053300";
    int level = 1;
    byte[] data;
    String comp = ".gz";
    String dleCompress = "SERVER-BEST";
    String extraFirstLine = "";
    int partSize = 32 * 1024;
    List<String> labels = List.of("CODA-01");
    boolean crcLinesInHeader = true;
    boolean crcsInRequest = true;
    boolean bytesInRequest = false;
    byte[] stored;

    /** Rewrites the header text of part k (1-based) before it is written. */
    BiFunction<Integer, String, String> headerEdit = (k, h) -> h;

    Dump(byte[] data) {
      this.data = data;
    }

    FetchRequest write() {
      stored = ".gz".equals(comp) ? gzip(data) : data;
      Crc nativeCrc = crc(data);
      Crc storedCrc = crc(stored);
      List<PartLocation> parts = new ArrayList<>();
      int count = Math.max(1, (stored.length + partSize - 1) / partSize);
      for (int k = 1; k <= count; k++) {
        String label = labels.get(Math.min(k - 1, labels.size() - 1));
        Path slot = tape(label);
        int fileno = nextFile.get(label);
        nextFile.put(label, fileno + 1);
        int from = (k - 1) * partSize;
        int to = Math.min(stored.length, from + partSize);
        String text =
            TestHeaders.splitFile(
                datestamp,
                host,
                disk,
                k,
                level,
                comp,
                extraFirstLine,
                dleCompress,
                crcLinesInHeader ? nativeCrc.toString() : null,
                crcLinesInHeader ? storedCrc.toString() : null,
                crcLinesInHeader ? storedCrc.toString() : null);
        byte[] header = TestHeaders.block(headerEdit.apply(k, text));
        byte[] file = new byte[header.length + (to - from)];
        System.arraycopy(header, 0, file, 0, header.length);
        System.arraycopy(stored, from, file, header.length, to - from);
        String name = String.format(Locale.ROOT, "%05d.%s.%s.%d", fileno, host, disk, level);
        try {
          Files.write(slot.resolve(name), file);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        parts.add(new PartLocation(k, label, fileno, bytesInRequest ? to - from : -1));
      }
      return new FetchRequest(
          host,
          disk,
          datestamp,
          level,
          parts,
          crcsInRequest ? nativeCrc : Crc.UNKNOWN,
          crcsInRequest ? storedCrc : null);
    }
  }

  Dump dump(byte[] data) {
    return new Dump(data);
  }

  /** The file of part {@code k} of a written request. */
  Path file(FetchRequest request, int k) {
    PartLocation p = request.parts().get(k - 1);
    return new VtapeLibrary(root).fileOf(p.label(), p.fileNumber());
  }

  static Crc crc(byte[] data) {
    CRC32C c = new CRC32C();
    c.update(data);
    return new Crc(c.getValue(), data.length);
  }

  static byte[] gzip(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** See {@link io.codarestore.testing.SyntheticHolding#codaDump}. */
  static byte[] codaDump(String cloneName, int level, int size, long seed) {
    return io.codarestore.testing.SyntheticHolding.codaDump(cloneName, level, size, seed);
  }
}
