package io.codarestore.catalog;

import io.codarestore.core.TempOutputs;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * The catalog an import writes into. An existing catalog is opened as it is (the import is one
 * transaction). A new one is built in a {@link TempOutputs temporary file} beside its name and
 * appears under the name only when {@link #publish()} is called after a committed import: a failed
 * or interrupted first import (a non-root user who cannot read the logs, Ctrl-C) leaves no empty
 * catalog behind.
 */
public final class ImportTarget implements AutoCloseable {
  private final Path file;
  private final Path temp;
  private final Catalog catalog;
  private boolean closed;

  private ImportTarget(Path file, Path temp, Catalog catalog) {
    this.file = file;
    this.temp = temp;
    this.catalog = catalog;
  }

  /** Opens {@code file} for an import, creating its directory if needed. */
  public static ImportTarget open(Path file) {
    if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      return new ImportTarget(file, null, Catalog.open(file));
    }
    Path parent = file.toAbsolutePath().getParent();
    Path temp;
    try {
      if (parent != null) {
        Files.createDirectories(parent);
      }
      temp = TempOutputs.createFile(file, false);
    } catch (IOException e) {
      throw new CatalogException(file + ": cannot create the catalog: " + e.getMessage(), e);
    }
    try {
      return new ImportTarget(file, temp, Catalog.connect(temp, file));
    } catch (RuntimeException e) {
      TempOutputs.remove(temp);
      throw e;
    }
  }

  public Catalog catalog() {
    return catalog;
  }

  /**
   * After a committed import: a new catalog is closed and appears under its name (never replacing a
   * catalog another import created meanwhile). An existing one stays open until {@link #close}.
   */
  public void publish() {
    if (temp == null) {
      return;
    }
    catalog.close(); // last connection: SQLite folds the WAL into the file and removes it
    closed = true;
    try {
      TempOutputs.publish(temp, () -> publishWithoutReplacing(temp, file));
    } catch (FileAlreadyExistsException e) {
      TempOutputs.remove(temp);
      throw new CatalogException(
          file + " was created by another import meanwhile; this import was discarded", e);
    } catch (IOException e) {
      TempOutputs.remove(temp);
      throw new CatalogException(file + ": cannot create the catalog: " + e.getMessage(), e);
    }
  }

  /** Links the finished catalog under its name (fails if taken), falling back to a move. */
  private static void publishWithoutReplacing(Path temp, Path file) throws IOException {
    try {
      Files.createLink(file, temp);
      Files.delete(temp);
    } catch (FileAlreadyExistsException e) {
      throw e;
    } catch (IOException | UnsupportedOperationException e) {
      Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
  }

  /** Closes the catalog; a new one not published is removed. */
  @Override
  public void close() {
    if (!closed) {
      catalog.close();
      closed = true;
    }
    if (temp != null) {
      TempOutputs.remove(temp); // nothing there once published
    }
  }
}
