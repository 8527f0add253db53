package io.codarestore.dump;

import java.util.List;

/**
 * What {@link DumpVerifier} found in one dump.
 *
 * @param source the file
 * @param header the dump header, or null when even that could not be read
 * @param errors problems that make the dump unusable (each with its byte offset)
 * @param warnings oddities that do not stop a restore (orphan vnodes, dangling names...)
 * @param directories directory vnodes read
 * @param files file and symlink vnodes read
 * @param removed removal records (incrementals)
 * @param fileBytes bytes of file data
 */
public record VerifyReport(
    String source,
    DumpHeader header,
    List<String> errors,
    List<String> warnings,
    long directories,
    long files,
    long removed,
    long fileBytes) {
  public VerifyReport {
    errors = List.copyOf(errors);
    warnings = List.copyOf(warnings);
  }

  public boolean ok() {
    return errors.isEmpty();
  }
}
