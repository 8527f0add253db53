package io.codarestore.dump;

import io.codarestore.core.TempOutputs;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes an extracted tree as a pax/ustar tar file to a temporary file beside the target, renamed
 * into place when complete. Members are named {@code ./path}; the volume root is {@code ./}. Owners
 * are recorded as numeric uids (gid 0, no user names), modes with all 12 bits.
 */
final class TarSink implements ExtractSink {
  private final Path target;
  private final boolean force;
  private final Path temp;
  private final OutputStream stream;
  private final TarWriter tar;
  private final List<TreeDirectory> directories = new ArrayList<>();

  private TarSink(Path target, boolean force, Path temp, OutputStream stream) {
    this.target = target;
    this.force = force;
    this.temp = temp;
    this.stream = stream;
    this.tar = new TarWriter(stream);
  }

  static TarSink create(Path target, boolean force) throws IOException {
    OutputPlace.checkFree(target, force, OutputPlace.Kind.FILE, java.util.List.of());
    Path temp = TempOutputs.createFile(target, true);
    OutputStream out =
        new BufferedOutputStream(
            Files.newOutputStream(
                temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING),
            1 << 16);
    return new TarSink(target, force, temp, out);
  }

  static String member(String path) {
    return TreeDirectory.ROOT.equals(path) ? "./" : "./" + path;
  }

  @Override
  public void directory(TreeDirectory d) {
    directories.add(d);
  }

  @Override
  public void file(String path, VnodeRecord r, long size, FileData data) throws IOException {
    tar.beginFile(member(path), r.mode(), r.owner() & 0xFFFFFFFFL, r.modifyTimeUnsigned(), size);
    data.copyTo(
        new OutputStream() {
          @Override
          public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
          }

          @Override
          public void write(byte[] b, int off, int len) throws IOException {
            tar.write(b, off, len);
          }
        });
    tar.endFile();
  }

  @Override
  public void hardLink(String path, String first, VnodeRecord r) throws IOException {
    tar.hardLink(
        member(path), member(first), r.mode(), r.owner() & 0xFFFFFFFFL, r.modifyTimeUnsigned());
  }

  @Override
  public void symlink(String path, VnodeRecord r, String target) throws IOException {
    tar.symlink(member(path), target, r.mode(), r.owner() & 0xFFFFFFFFL, r.modifyTimeUnsigned());
  }

  @Override
  public void topFile(String name, byte[] data) throws IOException {
    tar.file(member(name), 0600, 0, System.currentTimeMillis() / 1000, data);
  }

  @Override
  public long ownersSkipped() {
    return 0;
  }

  @Override
  public boolean ownersSet() {
    return true;
  }

  @Override
  public void commit() throws IOException {
    for (int i = directories.size() - 1; i >= 0; i--) {
      TreeDirectory d = directories.get(i);
      VnodeRecord r = d.record();
      tar.directory(member(d.path()), r.mode(), r.owner() & 0xFFFFFFFFL, r.modifyTimeUnsigned());
    }
    tar.finish();
    stream.close();
    OutputPlace.moveIntoPlace(temp, target, force);
  }

  @Override
  public void abort() {
    try {
      stream.close();
    } catch (IOException e) {
      // the temporary file is removed below either way
    }
    OutputPlace.discard(temp);
  }
}
