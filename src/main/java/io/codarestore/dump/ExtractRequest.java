package io.codarestore.dump;

import java.nio.file.Path;
import java.util.List;

/**
 * What to extract and where.
 *
 * @param format a directory tree or a tar file
 * @param output the directory or tar file to create (must not exist unless {@code force})
 * @param paths only these files or subtrees (relative to the volume root); empty for everything
 * @param force replace an existing output (and orphans directory)
 * @param orphans a directory for the vnodes no directory reaches, or null to leave them out
 */
public record ExtractRequest(
    Format format, Path output, List<String> paths, boolean force, Path orphans) {
  /** The two output forms. */
  public enum Format {
    DIRECTORY,
    TAR
  }

  public ExtractRequest {
    if (format == null || output == null) {
      throw new IllegalArgumentException("format and output are required");
    }
    paths = List.copyOf(paths);
  }

  /** One file or subtree ({@code path}), or everything when {@code path} is null. */
  public ExtractRequest(Format format, Path output, String path, boolean force, Path orphans) {
    this(format, output, path == null ? List.of() : List.of(path), force, orphans);
  }

  /** The single selection, or null (for callers that take one path). */
  public String path() {
    return paths.isEmpty() ? null : paths.get(0);
  }
}
