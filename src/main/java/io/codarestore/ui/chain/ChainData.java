package io.codarestore.ui.chain;

import io.codarestore.catalog.CatalogDump;
import io.codarestore.plan.RestorePlan;
import io.codarestore.restore.SpaceCheck;
import java.util.List;

/** What the Chain page shows: the plan, the volume's dumps and the space check. */
record ChainData(RestorePlan plan, List<CatalogDump> dumps, SpaceCheck.Result space) {
  ChainData {
    dumps = List.copyOf(dumps);
  }
}
