package io.codarestore.ui;

import io.codarestore.ui.browser.DumpBrowser;
import io.codarestore.ui.chain.ChainPage;
import io.codarestore.ui.date.DatePage;
import io.codarestore.ui.demo.DemoInstaller;
import io.codarestore.ui.find.FindWindow;
import io.codarestore.ui.run.CoreRestore;
import io.codarestore.ui.run.RunPage;
import io.codarestore.ui.settings.Setting;
import io.codarestore.ui.source.OpenedCatalog;
import io.codarestore.ui.source.SourcePage;
import io.codarestore.ui.summary.SummaryPage;
import io.codarestore.ui.target.TargetPage;
import io.codarestore.ui.volume.VolumePage;
import io.codarestore.ui.wizard.DeferredPage;
import io.codarestore.ui.wizard.WizardFrame;
import io.codarestore.ui.wizard.WizardPage;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignH;
import org.kordamp.ikonli.materialdesign2.MaterialDesignL;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignT;

/**
 * The main window: a menu bar (the dump browser is reachable from here, outside the wizard) and the
 * seven-page restore wizard. Wires the pages to the shared session and the core adapter.
 */
public final class MainWindow {
  public static final String TITLE = "Coda Restore Assistant";

  private final Stage stage;
  private final AppContext app;
  private final RestoreSession session = new RestoreSession();
  private final CoreRestore restore;
  private final WizardFrame wizard;
  private final DeferredPage<RunPage> runPage;
  private final DeferredPage<TargetPage> targetPage;
  private final List<DeferredPage<?>> deferred;

  public MainWindow(Stage stage, AppContext app, DemoInstaller demo) {
    this.stage = stage;
    this.app = app;
    // The one restore service of this window, built once; the workspace is the setting's.
    restore =
        new CoreRestore(
            new io.codarestore.restore.RestoreService(
                () ->
                    Path.of(
                        app.settings()
                            .get()
                            .get(Setting.WORKSPACE, app.dirs().defaultWorkspace().toString())),
                io.codarestore.ui.common.WizardPhrases.INSTANCE,
                java.time.Clock.systemDefaultZone()));
    Supplier<CoreRestore> core = () -> restore;
    // Only the Source page is built before the first window; the others right after its first
    // frame (buildPages), in the order they always were, so the first window waits for one page.
    runPage =
        new DeferredPage<>("Run", MaterialDesignP.PLAY, () -> new RunPage(app, session, core));
    DeferredPage<SummaryPage> summaryPage =
        new DeferredPage<>(
            "Summary",
            MaterialDesignF.FLAG_CHECKERED,
            () -> {
              SummaryPage p = new SummaryPage(session, app.desktop());
              p.setOnStartOver(this::startOver);
              return p;
            });
    targetPage =
        new DeferredPage<>(
            "Target", MaterialDesignT.TARGET, () -> new TargetPage(app, session, core));
    SourcePage sourcePage = new SourcePage(app, session, demo);
    sourcePage.setOnFindFile(this::openFind);
    DeferredPage<VolumePage> volumePage =
        new DeferredPage<>("Volume", MaterialDesignH.HARDDISK, () -> new VolumePage(app, session));
    DeferredPage<DatePage> datePage =
        new DeferredPage<>(
            "Date", MaterialDesignC.CALENDAR_MONTH, () -> new DatePage(app, session));
    DeferredPage<ChainPage> chainPage =
        new DeferredPage<>(
            "Chain", MaterialDesignL.LINK_VARIANT, () -> new ChainPage(app, session, core));
    deferred = List.of(runPage, summaryPage, targetPage, volumePage, datePage, chainPage);
    List<WizardPage> pages =
        List.of(sourcePage, volumePage, datePage, chainPage, targetPage, runPage, summaryPage);
    wizard = new WizardFrame(pages);
    wizard.setOnFinish(this::close);
    wizard.setOnCancel(this::close);
    wizard
        .indexProperty()
        .addListener(
            (o, was, now) -> {
              if (was.intValue() == pages.indexOf(targetPage) && now.intValue() > was.intValue()) {
                targetPage.build().remember();
              }
            });
    BorderPane root = new BorderPane(wizard);
    root.setTop(menus());
    Scene scene = new Scene(root);
    AltRelease.keepMenusInactiveAfterMnemonics(scene);
    Theme.apply(scene);
    stage.setScene(scene);
    stage.setTitle(TITLE);
    stage.setMinWidth(900);
    stage.setMinHeight(600);
    WindowPlacement.restore(stage, app.settings().get());
    stage.setOnCloseRequest(
        e -> {
          RunPage run = runPage.builtOrNull();
          if (run != null && run.isRunning()) {
            e.consume();
            run.cancelWork();
            return;
          }
          WindowPlacement.remember(stage, app.settings());
        });
  }

  private MenuBar menus() {
    MenuItem browser = new MenuItem("Open _dump in browser…");
    browser.setId("menu-browser");
    browser.setAccelerator(KeyCombination.keyCombination("Shortcut+O"));
    browser.setOnAction(e -> chooseDumpAndBrowse());
    MenuItem find = new MenuItem("_Find a file…");
    find.setId("menu-find");
    find.setAccelerator(KeyCombination.keyCombination("Shortcut+F"));
    find.setOnAction(e -> openFind());
    MenuItem settings = new MenuItem("Se_ttings…");
    settings.setId("menu-settings");
    settings.setAccelerator(KeyCombination.keyCombination("Shortcut+Comma"));
    settings.setOnAction(e -> SettingsWindow.build(stage, app).show());
    MenuItem over = new MenuItem("_Start over");
    over.setOnAction(e -> startOver());
    MenuItem quit = new MenuItem("_Quit");
    quit.setAccelerator(KeyCombination.keyCombination("Shortcut+Q"));
    quit.setOnAction(
        e ->
            stage.fireEvent(
                new javafx.stage.WindowEvent(
                    stage, javafx.stage.WindowEvent.WINDOW_CLOSE_REQUEST)));
    Menu file = new Menu("_File", null, browser, find, settings, over, quit);
    Menu help = HelpMenu.build(stage, app);
    MenuBar bar = new MenuBar(file, help);
    bar.setId("menu-bar");
    return bar;
  }

  /** Ctrl+O: asks for a dump file, then shows it in a new browser (nothing opens on cancel). */
  private void chooseDumpAndBrowse() {
    Path dump = app.desktop().chooseOpenFile(stage, "Open a Coda dump");
    if (dump != null) {
      DumpBrowser b = openBrowser();
      b.show();
      b.open(dump);
    }
  }

  /** A new dump browser window. */
  public DumpBrowser openBrowser() {
    return new DumpBrowser(app.background(), restore.service(), stage);
  }

  /** The "Find a file" window over the wizard's catalog, or a note to open one first. */
  public FindWindow openFind() {
    OpenedCatalog c = session.catalog().get();
    if (c == null) {
      Alert a = new Alert(Alert.AlertType.INFORMATION);
      a.initOwner(stage);
      a.setTitle("Find a file");
      a.setHeaderText("No catalog is open yet");
      a.setContentText("Import or open a catalog on the first page, then find files in it.");
      a.show();
      return null;
    }
    FindWindow w =
        new FindWindow(app.background(), restore.service(), c.catalog(), c.vtapeRoot(), stage);
    w.show();
    return w;
  }

  /**
   * Builds the pages the first window did not need, once its first frame is drawn (a layout pulse
   * has run; the build runs after that pulse's rendering). Safe to call again.
   */
  public void buildPagesAfterFirstFrame() {
    Scene scene = stage.getScene();
    boolean[] done = {false};
    Runnable[] self = new Runnable[1];
    self[0] =
        () -> {
          if (!done[0]) {
            done[0] = true;
            Platform.runLater(
                () -> {
                  scene.removePostLayoutPulseListener(self[0]);
                  deferred.forEach(DeferredPage::build);
                });
          }
        };
    scene.addPostLayoutPulseListener(self[0]);
  }

  /** The pages built after the first frame (tests). */
  List<DeferredPage<?>> deferredPages() {
    return deferred;
  }

  private void startOver() {
    session.startOver();
    wizard.restart();
  }

  /**
   * Cancel on an idle page, or Finish: nothing is running, so the window closes without a question
   * (a running restore asks before it stops, see the Run page).
   */
  private void close() {
    WindowPlacement.remember(stage, app.settings());
    stage.close();
  }

  public WizardFrame wizard() {
    return wizard;
  }

  public RestoreSession session() {
    return session;
  }

  public Stage stage() {
    return stage;
  }
}
