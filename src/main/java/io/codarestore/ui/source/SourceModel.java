package io.codarestore.ui.source;

import io.codarestore.catalog.ImportSummary;
import io.codarestore.ui.settings.Setting;
import io.codarestore.ui.settings.Settings;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The Source page's state and rules, without a toolkit: the chosen kind of source and the paths the
 * user gave, what each kind needs before it can be opened, which fields count for the chosen kind,
 * whether an import runs, the status line, the catalog opened last and the summary of its import,
 * and what is remembered in the settings for the next start. The page only mirrors it.
 */
public final class SourceModel {
  /** The paths the page asks for. */
  public enum Field {
    CONFIG_DIR,
    LOGDIR,
    TAPELIST,
    VTAPE_ROOT,
    CATALOG_FILE,
    IMPORT_INTO
  }

  private final Map<Field, Path> paths = new EnumMap<>(Field.class);
  private SourceKind kind;
  private boolean running;
  private String status = "";
  private SourceRequest openedRequest;
  private OpenedCatalog opened;

  public void choose(SourceKind kind) {
    this.kind = kind;
  }

  public SourceKind kind() {
    return kind;
  }

  /** Sets a path the user gave (null when the field is empty). */
  public void path(Field field, Path path) {
    if (path == null) {
      paths.remove(field);
    } else {
      paths.put(field, path);
    }
  }

  public Path path(Field field) {
    return paths.get(field);
  }

  /**
   * What opening the chosen source asks for, or null when the kind lacks a path it needs: a
   * configuration its directory and the catalog to import into; logs their directory, the tapelist
   * and the catalog to import into (vtapes optional); a catalog its file; the demo nothing.
   */
  public SourceRequest request() {
    if (kind == null) {
      return null;
    }
    return switch (kind) {
      case DEMO -> new SourceRequest(kind, null, null, null, null, null);
      case CONFIG ->
          has(Field.CONFIG_DIR, Field.IMPORT_INTO)
              ? new SourceRequest(
                  kind, path(Field.CONFIG_DIR), null, null, null, path(Field.IMPORT_INTO))
              : null;
      case PATHS ->
          has(Field.LOGDIR, Field.TAPELIST, Field.IMPORT_INTO)
              ? new SourceRequest(
                  kind,
                  null,
                  path(Field.LOGDIR),
                  path(Field.TAPELIST),
                  path(Field.VTAPE_ROOT),
                  path(Field.IMPORT_INTO))
              : null;
      case CATALOG ->
          has(Field.CATALOG_FILE)
              ? new SourceRequest(kind, null, null, null, null, path(Field.CATALOG_FILE))
              : null;
    };
  }

  private boolean has(Field... fields) {
    for (Field f : fields) {
      if (paths.get(f) == null) {
        return false;
      }
    }
    return true;
  }

  /** True when the chosen kind has what it needs (not whether the paths are right). */
  public boolean ready() {
    return request() != null;
  }

  /** Whether a field counts for the chosen kind (the others are greyed out). */
  public boolean enabled(Field field) {
    return switch (field) {
      case CONFIG_DIR -> kind == SourceKind.CONFIG;
      case LOGDIR, TAPELIST, VTAPE_ROOT -> kind == SourceKind.PATHS;
      case CATALOG_FILE -> kind == SourceKind.CATALOG;
      case IMPORT_INTO -> kind == SourceKind.CONFIG || kind == SourceKind.PATHS;
    };
  }

  /** A catalog imported before is opened, not imported: the button says what it does. */
  public String actionText() {
    return kind == SourceKind.CATALOG ? "Op_en" : "_Import";
  }

  /** The Import (Open) button works when the kind has what it needs and nothing runs. */
  public boolean canAct() {
    return ready() && !running;
  }

  /**
   * The page may be left when a catalog is open or the chosen source can be opened (Next opens it
   * first), and no import runs.
   */
  public boolean complete(boolean catalogOpen) {
    return (catalogOpen || ready()) && !running;
  }

  /** Next opens the chosen source first unless it is the one open already. */
  public boolean needsOpening(boolean catalogOpen) {
    SourceRequest req = request();
    return req != null && !(catalogOpen && req.equals(openedRequest));
  }

  /** An import of the chosen source starts; returns what it opens, or null when not ready. */
  public SourceRequest start() {
    SourceRequest req = request();
    if (req != null) {
      running = true;
    }
    return req;
  }

  /** The import of {@code req} opened {@code catalog}. */
  public void opened(SourceRequest req, OpenedCatalog catalog) {
    running = false;
    openedRequest = req;
    opened = catalog;
    status = "Ready: " + catalog.origin() + ".";
  }

  /** The import failed; {@code userText} says why in the user's words. */
  public void failed(String userText) {
    running = false;
    status = "Import failed: " + userText;
  }

  public void cancelled() {
    running = false;
    status = "Import cancelled.";
  }

  public boolean running() {
    return running;
  }

  public String status() {
    return status;
  }

  /** The catalog this page opened last, or null. */
  public OpenedCatalog opened() {
    return opened;
  }

  /**
   * Chooses the kind used last (the demo when nothing was ever configured), with a status line
   * saying what Next will do; the paths (filled from the same settings) are set before.
   */
  public void fill(Settings s) {
    if (s.hasNoSource() || s.get(Setting.DEMO).isPresent()) {
      kind = SourceKind.DEMO;
    } else if (s.get(Setting.CONFIG_DIR).isPresent()) {
      kind = SourceKind.CONFIG;
    } else if (s.get(Setting.LOGDIR).isPresent()) {
      kind = SourceKind.PATHS;
    } else {
      kind = SourceKind.CATALOG;
    }
    status =
        s.hasNoSource()
            ? "No backups are configured yet. Press Enter (Next) to try the assistant on the"
                + " built-in demo, or choose your own Amanda configuration."
            : "Press Enter (Next) to open " + describe(kind) + " again.";
  }

  private String describe(SourceKind k) {
    return switch (k) {
      case DEMO -> "the built-in demo";
      case CONFIG -> "the Amanda configuration " + path(Field.CONFIG_DIR);
      case PATHS -> "the Amanda logs in " + path(Field.LOGDIR);
      case CATALOG -> "the catalog " + path(Field.CATALOG_FILE);
    };
  }

  /**
   * The settings after {@code req} opened the catalog in {@code catalogFile}: the command line's
   * {@code --db} default is the catalog last opened here (the demo's too); the paths of the source
   * for the next start; the demo is remembered as the demo, not as a catalog to import into.
   */
  public static Settings remembered(Settings s, SourceRequest req, Path catalogFile) {
    s = s.with(Setting.LAST_CATALOG, catalogFile.toAbsolutePath().toString());
    switch (req.kind()) {
      case CONFIG -> {
        s = s.with(Setting.CONFIG_DIR, req.configDir().toString());
        s = s.with(Setting.CATALOG, req.catalog().toString());
      }
      case PATHS -> {
        s = s.with(Setting.CONFIG_DIR, null).with(Setting.LOGDIR, req.logdir().toString());
        s = s.with(Setting.TAPELIST, req.tapelist().toString());
        s = s.with(Setting.VTAPE_ROOT, req.vtapeRoot() == null ? null : req.vtapeRoot().toString());
        s = s.with(Setting.CATALOG, req.catalog().toString());
      }
      case CATALOG -> s = s.with(Setting.CATALOG, req.catalog().toString());
      case DEMO -> {
        return s.with(Setting.DEMO, "true");
      }
    }
    return s.with(Setting.DEMO, null);
  }

  /** The opened catalog in one paragraph: origin, counts, and what this import did. */
  public static String summary(OpenedCatalog opened) {
    var c = opened.counts();
    StringBuilder b = new StringBuilder();
    b.append(opened.origin()).append('\n');
    b.append(c.hosts())
        .append(c.hosts() == 1 ? " host · " : " hosts · ")
        .append(c.volumes())
        .append(" volumes · ")
        .append(c.dumps())
        .append(" dumps · ")
        .append(c.tapes())
        .append(" tapes");
    ImportSummary s = opened.summary();
    if (s != null) {
      b.append("\nThis import: ")
          .append(s.filesRead())
          .append(" log files read, ")
          .append(s.filesUnchanged())
          .append(" unchanged, ")
          .append(s.dumpsAdded())
          .append(" dumps added, ")
          .append(s.problems().size())
          .append(s.problems().size() == 1 ? " problem." : " problems.");
    }
    return b.toString();
  }

  /** Every problem the import found (file:line and what), none for a catalog opened as it was. */
  public static List<String> problems(OpenedCatalog opened) {
    ImportSummary s = opened.summary();
    return s == null ? List.of() : s.problems().stream().map(Object::toString).toList();
  }
}
