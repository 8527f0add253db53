package io.codarestore.restore;

import io.codarestore.plan.PlanTarget;
import java.nio.file.Path;
import java.util.List;

/**
 * Chosen paths of a volume as of a restore point, restored into a new directory through the file
 * index (only the dumps holding their data are read, each only as far as needed).
 *
 * @param host the Amanda host of the volume
 * @param volume the Coda volume (Amanda's disk)
 * @param when the restore point or target date
 * @param paths files or subtrees, relative to the volume root
 * @param dir the new directory (it must not exist)
 */
public record PathsRequest(
    String host, String volume, PlanTarget when, List<String> paths, Path dir) {
  public PathsRequest {
    paths = List.copyOf(paths);
  }
}
