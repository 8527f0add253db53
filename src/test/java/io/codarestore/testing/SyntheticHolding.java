package io.codarestore.testing;

import io.codarestore.amanda.AmandaFileHeader;
import io.codarestore.amanda.Crc;
import io.codarestore.amanda.DumpId;
import io.codarestore.amanda.FetchRequest;
import io.codarestore.amanda.HoldingFiles;
import io.codarestore.amanda.HoldingLocation;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32C;
import java.util.zip.GZIPOutputStream;

/**
 * Writes dumps onto a holding disk the way Amanda 3.5's chunker lays them out: {@code
 * DIR/RUN/HOST.DISK.LEVEL}, further chunks {@code .1}, {@code .2} ..., each with a 32 KiB header
 * ({@code FILE} first, then {@code CONT_FILE}) naming the next chunk's absolute path in {@code
 * CONT_FILENAME=}; only the first carries the CRCs (checked against real holding files of Amanda
 * 3.5.1, whose headers are kept under {@code src/test/resources/io/codarestore/amanda/holding}).
 */
public final class SyntheticHolding {
  public final Path root;

  public SyntheticHolding(Path root) {
    this.root = root;
  }

  /** The text of a real holding-file header of Amanda 3.5.1 (test resource). */
  public static String realHeader(String name) {
    try (InputStream in =
        SyntheticHolding.class.getResourceAsStream(
            "/io/codarestore/amanda/holding/" + name + ".header")) {
      if (in == null) {
        throw new IllegalStateException("test resource holding/" + name + ".header missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes a 32 KiB block holding {@code headerText}, then {@code data}. */
  public static void writeFile(Path file, String headerText, byte[] data) {
    try {
      Files.createDirectories(file.getParent());
      byte[] header = block(headerText);
      byte[] all = new byte[header.length + data.length];
      System.arraycopy(header, 0, all, 0, header.length);
      System.arraycopy(data, 0, all, header.length, data.length);
      Files.write(file, all);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A 32 KiB header block: the text, NUL padded. */
  public static byte[] block(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    byte[] block = new byte[AmandaFileHeader.SIZE];
    System.arraycopy(bytes, 0, block, 0, bytes.length);
    return block;
  }

  public static Crc crc(byte[] data) {
    CRC32C c = new CRC32C();
    c.update(data);
    return new Crc(c.getValue(), data.length);
  }

  public static byte[] gzip(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** A dump to write; fields are changed by the tests before {@link #write()}. */
  public final class Dump {
    public String host = "localhost";
    public String disk = "u.alice";
    public String datestamp = "20240311084900";
    public String runDir = null; // default: the datestamp
    public int level = 2;
    public byte[] data;
    public String comp = ".gz";
    public String dleCompress = "SERVER-BEST";
    public int chunkData = 64 * 1024;
    public byte[] stored;
    public final List<Path> files = new ArrayList<>();

    Dump(byte[] data) {
      this.data = data;
    }

    public DumpId id() {
      return new DumpId(host, disk, datestamp, level);
    }

    public Crc nativeCrc() {
      return crc(data);
    }

    public Crc storedCrc() {
      return crc(stored);
    }

    /** Writes the chunks and returns the request the catalog would make for them. */
    public FetchRequest write() {
      stored = ".gz".equals(comp) ? gzip(data) : data;
      Path dir = root.resolve(runDir == null ? datestamp : runDir);
      String base = HoldingFiles.baseName(id());
      int count = Math.max(1, (stored.length + chunkData - 1) / chunkData);
      files.clear();
      for (int k = 0; k < count; k++) {
        files.add(dir.resolve(k == 0 ? base : base + "." + k));
      }
      List<HoldingLocation> chunks = new ArrayList<>();
      for (int k = 0; k < count; k++) {
        int from = k * chunkData;
        int to = Math.min(stored.length, from + chunkData);
        byte[] part = java.util.Arrays.copyOfRange(stored, from, to);
        String next = k + 1 < count ? files.get(k + 1).toString() : null;
        writeFile(files.get(k), header(k == 0, next), part);
        chunks.add(new HoldingLocation(k + 1, files.get(k), part.length));
      }
      return new FetchRequest(
          host, disk, datestamp, level, List.of(), nativeCrc(), storedCrc(), chunks);
    }

    /** A header as Amanda 3.5.1's chunker writes it (see the real ones in the resources). */
    public String header(boolean first, String next) {
      StringBuilder h = new StringBuilder();
      h.append("AMANDA: ")
          .append(first ? "FILE " : "CONT_FILE ")
          .append(datestamp)
          .append(' ')
          .append(host)
          .append(' ')
          .append(disk)
          .append("  lev ")
          .append(level)
          .append(" comp ")
          .append(comp)
          .append(" program APPLICATION\n");
      if (next != null) {
        h.append("CONT_FILENAME=").append(next).append('\n');
      }
      h.append("APPLICATION=amcodavol\n");
      if (first) {
        h.append("ORIGSIZE=").append((data.length + 1023) / 1024).append('\n');
        h.append("NATIVE-CRC=").append(nativeCrc()).append('\n');
        h.append("CLIENT-CRC=").append(nativeCrc()).append('\n');
        h.append("SERVER-CRC=").append(storedCrc()).append('\n');
      }
      h.append("DLE=<<ENDDLE\n<dle>\n  <program>APPLICATION</program>\n");
      h.append("  <disk>").append(disk).append("</disk>\n");
      h.append("  <level>").append(level).append("</level>\n  <auth>local</auth>\n");
      if (dleCompress != null) {
        h.append("  <compress>").append(dleCompress).append("</compress>\n");
      }
      h.append("  <record>YES</record>\n  <index>YES</index>\n  <datapath>AMANDA</datapath>\n");
      h.append("</dle>\nENDDLE\n");
      h.append("To restore, position tape at start of file and run:\n");
      h.append("\tdd if=<tape> bs=32k skip=1 | ");
      if (!"N".equals(comp)) {
        h.append("/bin/gzip -dc | ");
      }
      h.append("/usr/lib/amanda/application/amcodavol restore [./file-to-restore]+ \n\f\n");
      return h.toString();
    }
  }

  /**
   * The log of an {@code amdump} run that wrote the (already written) dumps to the holding disk and
   * none to tape, in the lines of a real Amanda 3.5.1 run without a tape.
   */
  public static String noTaperLog(String datestamp, List<Dump> dumps) {
    StringBuilder sb = new StringBuilder();
    sb.append("INFO amdump amdump pid 31401\n");
    sb.append("START planner date ").append(datestamp).append('\n');
    for (Dump d : dumps) {
      sb.append("DISK planner ").append(d.host).append(' ').append(d.disk).append('\n');
    }
    sb.append("START driver date ").append(datestamp).append('\n');
    sb.append("ERROR taper no-tape error [no tape]\n");
    for (Dump d : dumps) {
      String key = d.host + " " + d.disk + " " + datestamp + " " + d.level + " ";
      sb.append("SUCCESS dumper ")
          .append(key)
          .append(d.nativeCrc())
          .append(' ')
          .append(d.nativeCrc())
          .append(" [sec 0.287 kb ")
          .append(d.data.length / 1024)
          .append(" kps 8965.0 orig-kb ")
          .append(d.data.length / 1024)
          .append("]\n");
      sb.append("SUCCESS chunker ")
          .append(key)
          .append(d.storedCrc())
          .append(" [sec 1.246154 kb ")
          .append(d.stored.length / 1024)
          .append(" kps 2055.123203]\n");
    }
    sb.append("FINISH driver date ").append(datestamp).append(" time 8.095\n");
    return sb.toString();
  }

  /**
   * The log of an {@code amflush} run (datestamp {@code flushDatestamp}) that wrote a dump left on
   * the holding disk to tape {@code label} as file 1, in one part, as Amanda 3.5.1 logs it.
   */
  public static String flushLog(String flushDatestamp, String label, Dump d) {
    String st = "\"ST:codafix\" \"POOL:codafix\" ";
    return "INFO amflush amflush pid 887\n"
        + "START amflush date "
        + flushDatestamp
        + "\n"
        + "START driver date "
        + flushDatestamp
        + "\n"
        + "START taper datestamp "
        + flushDatestamp
        + " "
        + st
        + "label "
        + label
        + " tape 1\n"
        + "PART taper "
        + st
        + label
        + " 1 "
        + d.host
        + " "
        + d.disk
        + " "
        + d.datestamp
        + " 1/-1 "
        + d.level
        + " [sec 0.000421 bytes "
        + d.stored.length
        + " kps 1002375.296912 orig-kb 439]\n"
        + "DONE taper "
        + st
        + d.host
        + " "
        + d.disk
        + " "
        + d.datestamp
        + " 1 "
        + d.level
        + " "
        + d.nativeCrc()
        + " "
        + d.nativeCrc()
        + " "
        + d.storedCrc()
        + " [sec 0.100000 bytes "
        + d.stored.length
        + " kps 4220.000000 orig-kb 439]\n"
        + "INFO taper tape "
        + label
        + " kb 3072 fm 1 [OK]\n"
        + "FINISH driver date "
        + flushDatestamp
        + " time 0.283\n";
  }

  public Dump dump(byte[] data) {
    return new Dump(data);
  }

  /**
   * A Coda volume dump as far as the fetch cares: a real dump header (spec/coda-dump-format.md
   * §4.1) followed by compressible pseudo-random text.
   */
  public static byte[] codaDump(String cloneName, int level, int size, long seed) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(1);
      out.writeInt(0xB3A11322);
      out.writeInt(2);
      out.writeByte('v');
      out.writeInt(0x01000006);
      out.writeByte('p');
      out.writeInt(0x01000005);
      out.writeByte('n');
      byte[] name = cloneName.getBytes(StandardCharsets.UTF_8);
      out.writeInt(name.length + 1);
      out.write(name);
      out.writeByte(0);
      out.writeByte('b');
      out.writeInt(0x65A0F000);
      out.writeByte('i');
      out.writeInt(level);
      out.writeByte('I');
      out.writeInt(100);
      out.writeInt(level == 0 ? 100 : 118);
      out.writeByte(9); // D_VOLUMEDISKDATA: the header ends here
      Random random = new Random(seed);
      String[] words = {"coda", "volume", "vnode", "amanda", "tape", "restore", "dump", "\n"};
      while (bytes.size() < size) {
        if (random.nextInt(8) == 0) {
          byte[] noise = new byte[random.nextInt(64)];
          random.nextBytes(noise);
          out.write(noise);
        } else {
          out.write(words[random.nextInt(words.length)].getBytes(StandardCharsets.US_ASCII));
          out.writeByte(' ');
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    byte[] all = bytes.toByteArray();
    return java.util.Arrays.copyOf(all, size);
  }
}
