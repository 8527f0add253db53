package io.codarestore.restore;

import io.codarestore.core.Cancellation;
import io.codarestore.core.ProgressListener;
import io.codarestore.dump.ExtractReport;
import io.codarestore.dump.ExtractRequest;
import io.codarestore.dump.Extraction;
import java.io.InputStream;

/** The tree targets through the dump package's extraction. */
public final class ExtractionTreeExtractor implements TreeExtractor {
  @Override
  public String extract(
      InputStream dump,
      String source,
      RestoreTarget target,
      ProgressListener progress,
      Cancellation cancel) {
    ExtractRequest req;
    if (target instanceof RestoreTarget.Directory d) {
      req =
          new ExtractRequest(ExtractRequest.Format.DIRECTORY, d.dir(), d.paths(), d.force(), null);
    } else if (target instanceof RestoreTarget.TarFile t) {
      req = new ExtractRequest(ExtractRequest.Format.TAR, t.file(), t.paths(), t.force(), null);
    } else {
      throw new IllegalArgumentException("not a tree target: " + target);
    }
    ExtractReport r = Extraction.run(dump, source, req, progress, cancel);
    StringBuilder b =
        new StringBuilder()
            .append(r.output())
            .append(": ")
            .append(r.directories())
            .append(" directories, ")
            .append(r.files())
            .append(" files (")
            .append(Bytes.human(r.bytes()))
            .append("), ")
            .append(r.symlinks())
            .append(" symlinks, ")
            .append(r.hardLinks())
            .append(" hard links");
    if (r.orphans() > 0) {
      b.append("; ").append(r.orphans()).append(" unreachable vnodes left out");
    }
    if (!r.notices().isEmpty()) {
      b.append("; ").append(r.notices().size()).append(" names made safe or skipped (see the log)");
    }
    for (var n : r.notices()) {
      progress.warning(n.message());
    }
    return b.toString();
  }
}
