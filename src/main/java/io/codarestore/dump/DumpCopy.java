package io.codarestore.dump;

import java.io.IOException;
import java.io.OutputStream;
import java.util.function.UnaryOperator;

/**
 * Streams a dump from a reader to a writer record by record, optionally rewriting the header and
 * the volume data on the way (the read-write promotion). With identity functions the output is
 * byte-identical to a well-formed input.
 */
public final class DumpCopy {
  private DumpCopy() {}

  /** Copies everything; returns the number of bytes written. */
  public static long copy(
      DumpReader in,
      DumpWriter out,
      UnaryOperator<DumpHeader> headerChange,
      UnaryOperator<VolumeDiskData> volumeChange) {
    out.writeHeader(headerChange.apply(in.header()));
    out.writeVolumeData(volumeChange.apply(in.volumeData()));
    for (int i = 0; i < 2; i++) {
      out.writeIndexHeader(in.nextIndex());
      IndexEntry e;
      while ((e = in.nextEntry()) != null) {
        if (e instanceof IndexEntry.Vnode v) {
          copyVnode(in, out, v);
        } else if (e instanceof IndexEntry.RemovedVnode r) {
          out.writeRemovedVnode(r.vnode(), r.uniquifier());
        } else {
          out.writeNullVnode();
        }
      }
    }
    in.readEnd();
    out.writeEnd();
    return out.offset();
  }

  static void copyVnode(DumpReader in, DumpWriter out, IndexEntry.Vnode v) {
    out.writeVnode(v.record());
    switch (v.payload()) {
      case DIRECTORY_PAGES -> out.writeDirectoryPages(in.directoryPages());
      case BAD_INODE -> out.writeBadInode();
      case FILE_DATA -> {
        out.beginFileData(v.payloadLength());
        in.copyPayload(new WriterData(out));
      }
    }
  }

  /** Adapts the writer's file-data channel to an OutputStream. */
  private static final class WriterData extends OutputStream {
    private final DumpWriter out;

    WriterData(DumpWriter out) {
      this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      out.writeData(b, off, len);
    }
  }
}
