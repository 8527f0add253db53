package io.codarestore.restore;

import io.codarestore.amanda.DumpFetcher;
import io.codarestore.amanda.FetchRequest;
import io.codarestore.core.Cancellation;
import io.codarestore.core.ProgressListener;
import io.codarestore.core.UserFacingException;
import io.codarestore.dump.DumpHeader;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * Reads just the Coda dump header of a dump on its media: the first bytes of the first part,
 * decompressed, then the fetch is stopped. The header is a few dozen bytes; no bulk data is read.
 */
final class HeaderProbe {
  private static final int BYTES = 4096;

  private HeaderProbe() {}

  /** The header, or throws a UserFacingException saying why it cannot be read. */
  static DumpHeader read(DumpFetcher fetcher, FetchRequest request, Cancellation cancel) {
    Collector c = new Collector();
    try {
      fetcher.fetch(request, c, ProgressListener.NONE, cancel);
    } catch (RuntimeException e) {
      if (!causedByEnough(e)) {
        throw e;
      }
    }
    return DumpHeader.read(new ByteArrayInputStream(c.bytes()), request.describe());
  }

  private static boolean causedByEnough(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof Enough) {
        return true;
      }
    }
    return false;
  }

  /** Thrown by the collector once it holds enough bytes; ends the fetch early on purpose. */
  private static final class Enough extends UserFacingException {
    private static final long serialVersionUID = 1L;

    Enough() {
      super("header read");
    }
  }

  private static final class Collector extends OutputStream {
    private final byte[] buf = new byte[BYTES];
    private int n;

    @Override
    public void write(int b) {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      int k = Math.min(len, BYTES - n);
      System.arraycopy(b, off, buf, n, k);
      n += k;
      if (n >= BYTES) {
        throw new Enough();
      }
    }

    byte[] bytes() {
      return Arrays.copyOf(buf, n);
    }
  }
}
