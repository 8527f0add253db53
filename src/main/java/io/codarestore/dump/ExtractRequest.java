package io.codarestore.dump;

import java.nio.file.Path;

/**
 * What to extract and where.
 *
 * @param format a directory tree or a tar file
 * @param output the directory or tar file to create (must not exist unless {@code force})
 * @param path only this file or subtree (relative to the volume root), or null for everything
 * @param force replace an existing output (and orphans directory)
 * @param orphans a directory for the vnodes no directory reaches, or null to leave them out
 */
public record ExtractRequest(Format format, Path output, String path, boolean force, Path orphans) {
  /** The two output forms. */
  public enum Format {
    DIRECTORY,
    TAR
  }

  public ExtractRequest {
    if (format == null || output == null) {
      throw new IllegalArgumentException("format and output are required");
    }
  }
}
