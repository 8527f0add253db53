package io.codarestore.amanda;

import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.CRC32C;

/**
 * Where the decoded dump goes: counts it, computes its CRC-32C, and holds back its first bytes
 * until the {@link DumpStartCheck} accepted them. Write errors of the caller's stream become {@link
 * FetchOutputException}s naming the output.
 */
final class NativeOutput {
  private final OutputStream out;
  private final String outName;
  private final FetchRequest request;
  private final DumpStartCheck check;
  private final CRC32C crc = new CRC32C();
  private long count;
  private byte[] probe = new byte[DumpStartCheck.PROBE_BYTES];
  private int probeLength;

  NativeOutput(OutputStream out, String outName, FetchRequest request, DumpStartCheck check) {
    this.out = out;
    this.outName = outName;
    this.request = request;
    this.check = check;
  }

  void write(byte[] b, int off, int len) {
    crc.update(b, off, len);
    count += len;
    if (probe != null) {
      int take = Math.min(len, probe.length - probeLength);
      System.arraycopy(b, off, probe, probeLength, take);
      probeLength += take;
      off += take;
      len -= take;
      if (probeLength < probe.length) {
        return;
      }
      releaseProbe();
    }
    if (len > 0) {
      writeOut(b, off, len);
    }
  }

  /** Runs the start check if the dump was shorter than the probe, then flushes. */
  void finish() {
    if (probe != null) {
      releaseProbe();
    }
    try {
      out.flush();
    } catch (IOException e) {
      throw new FetchOutputException("cannot write the fetched dump to " + outName + ": " + e, e);
    }
  }

  long count() {
    return count;
  }

  Crc crc() {
    return new Crc(crc.getValue(), count);
  }

  private void releaseProbe() {
    byte[] held = probe;
    probe = null;
    check.check(request, held, probeLength);
    writeOut(held, 0, probeLength);
  }

  private void writeOut(byte[] b, int off, int len) {
    try {
      out.write(b, off, len);
    } catch (IOException e) {
      throw new FetchOutputException("cannot write the fetched dump to " + outName + ": " + e, e);
    }
  }
}
