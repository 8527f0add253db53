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
  public Restored extract(
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
    for (var n : r.notices()) {
      progress.warning(n.message());
    }
    Restored.TreeCounts counts =
        new Restored.TreeCounts(
            r.directories(),
            r.files(),
            r.bytes(),
            r.symlinks(),
            r.hardLinks(),
            r.orphans(),
            r.notices().size());
    return req.format() == ExtractRequest.Format.TAR
        ? new Restored.TarFile(r.output(), counts)
        : new Restored.Directory(r.output(), counts);
  }
}
