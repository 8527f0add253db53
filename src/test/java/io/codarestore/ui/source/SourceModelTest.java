package io.codarestore.ui.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.codarestore.amanda.LineProblem;
import io.codarestore.catalog.Catalog;
import io.codarestore.catalog.ImportSummary;
import io.codarestore.ui.settings.Setting;
import io.codarestore.ui.settings.Settings;
import io.codarestore.ui.source.SourceModel.Field;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Source page's rules and state transitions, without a toolkit. */
class SourceModelTest {
  private static final Path CONFIG = Path.of("/etc/amanda/daily");
  private static final Path LOGS = Path.of("/var/amanda/daily");
  private static final Path TAPELIST = Path.of("/etc/amanda/daily/tapelist");
  private static final Path INTO = Path.of("/srv/catalog.db");

  @TempDir Path tmp;
  private final SourceModel model = new SourceModel();

  @Test
  void eachKindIsReadyOnceItHasThePathsItNeeds() {
    assertThat(model.request()).as("nothing chosen").isNull();
    model.choose(SourceKind.DEMO);
    assertThat(model.request())
        .isEqualTo(new SourceRequest(SourceKind.DEMO, null, null, null, null, null));

    model.choose(SourceKind.CONFIG);
    model.path(Field.CONFIG_DIR, CONFIG);
    assertThat(model.ready()).as("no catalog to import into").isFalse();
    model.path(Field.IMPORT_INTO, INTO);
    assertThat(model.request())
        .isEqualTo(new SourceRequest(SourceKind.CONFIG, CONFIG, null, null, null, INTO));

    model.choose(SourceKind.PATHS);
    model.path(Field.LOGDIR, LOGS);
    assertThat(model.ready()).as("no tapelist").isFalse();
    model.path(Field.TAPELIST, TAPELIST);
    assertThat(model.request())
        .as("the vtapes are optional")
        .isEqualTo(new SourceRequest(SourceKind.PATHS, null, LOGS, TAPELIST, null, INTO));
    model.path(Field.VTAPE_ROOT, Path.of("/vtapes"));
    assertThat(model.request().vtapeRoot()).isEqualTo(Path.of("/vtapes"));
    model.path(Field.IMPORT_INTO, null);
    assertThat(model.ready()).as("a field emptied").isFalse();

    model.choose(SourceKind.CATALOG);
    assertThat(model.ready()).isFalse();
    model.path(Field.CATALOG_FILE, INTO);
    assertThat(model.request())
        .isEqualTo(new SourceRequest(SourceKind.CATALOG, null, null, null, null, INTO));
  }

  @Test
  void onlyTheChosenKindsFieldsCountAndTheButtonSaysWhatItDoes() {
    model.choose(SourceKind.PATHS);
    assertThat(Field.values())
        .filteredOn(model::enabled)
        .containsExactly(Field.LOGDIR, Field.TAPELIST, Field.VTAPE_ROOT, Field.IMPORT_INTO);
    assertThat(model.actionText()).isEqualTo("_Import");
    model.choose(SourceKind.CONFIG);
    assertThat(Field.values())
        .filteredOn(model::enabled)
        .containsExactly(Field.CONFIG_DIR, Field.IMPORT_INTO);
    model.choose(SourceKind.CATALOG);
    assertThat(Field.values()).filteredOn(model::enabled).containsExactly(Field.CATALOG_FILE);
    assertThat(model.actionText()).isEqualTo("Op_en");
    model.choose(SourceKind.DEMO);
    assertThat(Field.values()).filteredOn(model::enabled).isEmpty();
  }

  @Test
  void anImportRunsOnceThenTheOpenedSourceNeedsNoOpeningUntilTheChoiceChanges() {
    try (Catalog c = Catalog.open(tmp.resolve("c.db"))) {
      model.choose(SourceKind.CATALOG);
      assertThat(model.start()).as("not ready").isNull();
      assertThat(model.running()).isFalse();
      assertThat(model.complete(false)).isFalse();
      model.path(Field.CATALOG_FILE, c.file());
      assertThat(model.canAct()).isTrue();
      assertThat(model.complete(false)).as("Next opens it first").isTrue();
      assertThat(model.needsOpening(false)).isTrue();

      SourceRequest req = model.start();
      assertThat(req.catalog()).isEqualTo(c.file());
      assertThat(model.running()).isTrue();
      assertThat(model.canAct()).as("one import at a time").isFalse();
      assertThat(model.complete(true)).as("not while importing").isFalse();

      OpenedCatalog opened = opened(c, null);
      model.opened(req, opened);
      assertThat(model.running()).isFalse();
      assertThat(model.opened()).isSameAs(opened);
      assertThat(model.status()).isEqualTo("Ready: the catalog " + c.file() + ".");
      assertThat(model.needsOpening(true)).as("the one open").isFalse();
      assertThat(model.needsOpening(false)).as("the wizard started over").isTrue();
      model.path(Field.CATALOG_FILE, tmp.resolve("other.db"));
      assertThat(model.needsOpening(true)).as("another catalog chosen").isTrue();

      model.start();
      model.failed("other.db is not a catalog of this assistant");
      assertThat(model.running()).isFalse();
      assertThat(model.status())
          .isEqualTo("Import failed: other.db is not a catalog of this assistant");
      model.start();
      model.cancelled();
      assertThat(model.running()).isFalse();
      assertThat(model.status()).isEqualTo("Import cancelled.");
    }
  }

  @Test
  void theKindUsedLastIsChosenAgainAndTheStatusSaysWhatNextDoes() {
    model.fill(Settings.empty());
    assertThat(model.kind()).isEqualTo(SourceKind.DEMO);
    assertThat(model.status()).startsWith("No backups are configured yet.");

    SourceModel config = new SourceModel();
    config.path(Field.CONFIG_DIR, CONFIG);
    config.fill(Settings.empty().with(Setting.CONFIG_DIR, CONFIG.toString()));
    assertThat(config.kind()).isEqualTo(SourceKind.CONFIG);
    assertThat(config.status())
        .isEqualTo("Press Enter (Next) to open the Amanda configuration " + CONFIG + " again.");

    SourceModel logs = new SourceModel();
    logs.path(Field.LOGDIR, LOGS);
    logs.fill(Settings.empty().with(Setting.LOGDIR, LOGS.toString()));
    assertThat(logs.kind()).isEqualTo(SourceKind.PATHS);
    assertThat(logs.status())
        .isEqualTo("Press Enter (Next) to open the Amanda logs in " + LOGS + " again.");

    SourceModel catalog = new SourceModel();
    catalog.path(Field.CATALOG_FILE, INTO);
    catalog.fill(Settings.empty().with(Setting.CATALOG, INTO.toString()));
    assertThat(catalog.kind()).isEqualTo(SourceKind.CATALOG);

    SourceModel demo = new SourceModel();
    demo.fill(
        Settings.empty().with(Setting.CONFIG_DIR, CONFIG.toString()).with(Setting.DEMO, "true"));
    assertThat(demo.kind()).as("the demo was opened last").isEqualTo(SourceKind.DEMO);
    assertThat(demo.status()).isEqualTo("Press Enter (Next) to open the built-in demo again.");
  }

  @Test
  void whatIsRememberedForTheNextStartAndTheCommandLine() {
    Path db = tmp.resolve("catalog.db");
    Settings before = Settings.empty().with(Setting.DEMO, "true");
    Settings s =
        SourceModel.remembered(
            before, new SourceRequest(SourceKind.CONFIG, CONFIG, null, null, null, INTO), db);
    assertThat(s.get(Setting.LAST_CATALOG)).contains(db.toAbsolutePath().toString());
    assertThat(s.get(Setting.CONFIG_DIR)).contains(CONFIG.toString());
    assertThat(s.get(Setting.CATALOG)).contains(INTO.toString());
    assertThat(s.get(Setting.DEMO)).as("no longer the demo").isEmpty();

    Settings p =
        SourceModel.remembered(
            s, new SourceRequest(SourceKind.PATHS, null, LOGS, TAPELIST, null, INTO), db);
    assertThat(p.get(Setting.CONFIG_DIR)).as("the logs replace the configuration").isEmpty();
    assertThat(p.get(Setting.LOGDIR)).contains(LOGS.toString());
    assertThat(p.get(Setting.TAPELIST)).contains(TAPELIST.toString());
    assertThat(p.get(Setting.VTAPE_ROOT)).isEmpty();

    Settings d =
        SourceModel.remembered(
            p, new SourceRequest(SourceKind.DEMO, null, null, null, null, null), db);
    assertThat(d.get(Setting.DEMO)).contains("true");
    assertThat(d.get(Setting.LOGDIR)).as("the user's own source is kept").contains(LOGS.toString());
    assertThat(d.get(Setting.CATALOG)).as("not the demo's catalog").contains(INTO.toString());
    assertThat(d.get(Setting.LAST_CATALOG)).contains(db.toAbsolutePath().toString());
  }

  @Test
  void theSummarySaysWhatTheImportFoundWithEveryProblem() {
    try (Catalog c = Catalog.open(tmp.resolve("c.db"))) {
      ImportSummary summary =
          new ImportSummary(
              1,
              3,
              12,
              4,
              5,
              2,
              0,
              0,
              7,
              0,
              0,
              List.of(new LineProblem("log.20240306.0", 17, "unknown line")),
              0,
              0);
      OpenedCatalog opened = opened(c, summary);
      assertThat(SourceModel.summary(opened))
          .as("a new catalog: nothing in it yet")
          .isEqualTo(
              "the catalog "
                  + c.file()
                  + "\n0 hosts · 0 volumes · 0 dumps · 0 tapes\n"
                  + "This import: 5 log files read, 2 unchanged, 7 dumps added, 1 problem.");
      assertThat(SourceModel.problems(opened)).containsExactly("log.20240306.0:17: unknown line");
      assertThat(SourceModel.problems(opened(c, null))).as("opened as it was").isEmpty();
      assertThat(SourceModel.summary(opened(c, null))).doesNotContain("This import");
    }
  }

  private static OpenedCatalog opened(Catalog c, ImportSummary summary) {
    return new OpenedCatalog(c, "the catalog " + c.file(), summary, c.counts(), null, null);
  }
}
