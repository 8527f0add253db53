package io.codarestore.ui.target;

import io.codarestore.core.Cancellation;
import io.codarestore.dump.DumpListing;
import io.codarestore.plan.RestorePlan;
import io.codarestore.ui.AppContext;
import io.codarestore.ui.run.CoreRestore;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.concurrent.Task;

/** Looks for the volume's tree in the workspace cache for the path list, off the FX thread. */
final class TreeLookup {
  private final AppContext app;
  private final PathSelection paths;
  private final Supplier<CoreRestore> core;
  private Task<Optional<DumpListing>> task0;
  private Cancellation cancel0;
  private RestorePlan plan0;

  TreeLookup(AppContext app, PathSelection paths, Supplier<CoreRestore> core) {
    this.app = app;
    this.paths = paths;
    this.core = core;
  }

  /** Reads the volume's tree from the workspace cache, when the chain's dumps are all there. */
  void lookFor(RestorePlan plan) {
    if (plan == null || plan == plan0 && paths.tree().get() != null) {
      return;
    }
    if (task0 != null && task0.isRunning()) {
      cancel0.cancel();
      task0.cancel();
    }
    plan0 = plan;
    paths.showTree(null, true);
    Cancellation cancel = new Cancellation();
    cancel0 = cancel;
    CoreRestore restore = core.get();
    Task<Optional<DumpListing>> task =
        new Task<>() {
          @Override
          protected Optional<DumpListing> call() {
            return restore.cachedTree(plan, cancel);
          }
        };
    task0 = task;
    task.setOnSucceeded(
        e -> {
          if (plan0 == plan) {
            paths.showTree(task.getValue().orElse(null), false);
          }
        });
    task.setOnFailed(
        e -> {
          if (plan0 == plan) {
            paths.showTree(null, false);
          }
        });
    app.background().run(task);
  }
}
