package io.codarestore.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.codarestore.catalog.CatalogDump;
import io.codarestore.catalog.CatalogPart;
import io.codarestore.catalog.HoldingCopy;
import io.codarestore.core.Datestamp;
import io.codarestore.plan.ChainGap;
import io.codarestore.plan.ChainLink;
import io.codarestore.plan.RestorePlan;
import io.codarestore.plan.RestorePoint;
import io.codarestore.plan.SkippedDump;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON shapes of the command line (stable field names, checked from outside). */
final class JsonViews {
  static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** The label of a part that is a chunk on the holding disk. */
  static final String HOLDING_DISK = "holding disk";

  private JsonViews() {}

  /** A datestamp as the JSON carries it: Amanda's digits (null stays null). */
  static String digits(Datestamp d) {
    return d == null ? null : d.digits();
  }

  static Map<String, Object> dump(CatalogDump d) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("host", d.host());
    m.put("volume", d.volume());
    m.put("datestamp", digits(d.datestamp()));
    m.put("level", d.level());
    m.put("status", d.status().code());
    CatalogDump.Availability a = d.availability();
    m.put("available", a.readable());
    if (!a.readable()) {
      m.put("reason", a.reason());
    }
    m.put("partCount", d.partCount());
    m.put("bytes", d.bytes());
    m.put("origKb", d.origKb());
    m.put("compression", d.compression());
    m.put("nativeCrc", d.nativeCrc());
    m.put("clientCrc", d.clientCrc());
    m.put("serverCrc", d.serverCrc());
    m.put("onHoldingDisk", d.onHoldingDisk());
    if (d.onHoldingDisk()) {
      m.put("holding", holding(d));
    }
    m.put("detail", d.detail());
    m.put("log", d.logFile() + ":" + d.logLine());
    List<Object> parts = new ArrayList<>();
    for (CatalogPart p : d.parts()) {
      parts.add(part(p));
    }
    m.put("parts", parts);
    return m;
  }

  /** What the last import found of a dump left on the holding disk. */
  static Map<String, Object> holding(CatalogDump d) {
    Map<String, Object> m = new LinkedHashMap<>();
    HoldingCopy h = d.holding();
    m.put("readable", d.readFromHoldingDisk());
    if (!d.readFromHoldingDisk()) {
      m.put("problem", d.availability().reason());
    }
    List<Object> files = new ArrayList<>();
    if (h != null) {
      for (HoldingCopy.Chunk c : h.chunks()) {
        files.add(chunk(c));
      }
    }
    m.put("files", files);
    return m;
  }

  /** A holding-disk chunk in the shape of a part: the label says where it is. */
  static Map<String, Object> chunk(HoldingCopy.Chunk c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("part", c.number());
    m.put("label", HOLDING_DISK);
    m.put("holding", c.file().toString());
    m.put("bytes", c.bytes());
    m.put("broken", false);
    m.put("onTape", false);
    return m;
  }

  static Map<String, Object> part(CatalogPart p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("part", p.partNumber());
    m.put("label", p.label());
    m.put("file", p.fileNumber());
    m.put("bytes", p.bytes());
    m.put("broken", p.broken());
    m.put("onTape", p.onTape());
    if (p.problem() != null) {
      m.put("problem", p.problem());
    }
    return m;
  }

  static Map<String, Object> plan(RestorePlan plan) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("host", plan.host());
    m.put("volume", plan.volume());
    m.put("target", plan.target().text());
    m.put("restorable", plan.restorable());
    List<Object> chain = new ArrayList<>();
    for (ChainLink l : plan.chain()) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("datestamp", digits(l.datestamp()));
      c.put("level", l.level());
      c.put("status", l.status().code());
      c.put("available", l.available());
      if (!l.available()) {
        c.put("reason", l.reason());
      }
      c.put("bytes", l.dump().bytes());
      c.put("origKb", l.dump().origKb());
      c.put("compression", l.dump().compression());
      c.put("nativeCrc", l.dump().nativeCrc());
      c.put("serverCrc", l.dump().serverCrc());
      c.put("source", l.dump().onHoldingDisk() ? HOLDING_DISK : "tape");
      List<Object> parts = new ArrayList<>();
      if (l.dump().readFromHoldingDisk()) {
        for (HoldingCopy.Chunk ch : l.dump().holding().chunks()) {
          parts.add(chunk(ch));
        }
      }
      for (CatalogPart p : l.parts()) {
        parts.add(part(p));
      }
      c.put("parts", parts);
      chain.add(c);
    }
    m.put("chain", chain);
    ChainGap g = plan.gap();
    if (g == null) {
      m.put("missing", null);
    } else {
      Map<String, Object> gm = new LinkedHashMap<>();
      gm.put("datestamp", digits(g.datestamp()));
      gm.put("level", g.level());
      gm.put("reason", g.reason());
      m.put("missing", gm);
    }
    m.put("nearestBefore", point(plan.nearestBefore()));
    m.put("nearestAfter", point(plan.nearestAfter()));
    m.put("media", plan.media());
    List<Object> skipped = new ArrayList<>();
    for (SkippedDump s : plan.skipped()) {
      Map<String, Object> sm = new LinkedHashMap<>();
      sm.put("datestamp", digits(s.datestamp()));
      sm.put("level", s.level());
      sm.put("status", s.status().code());
      sm.put("reason", s.reason());
      skipped.add(sm);
    }
    m.put("skipped", skipped);
    return m;
  }

  static Map<String, Object> point(RestorePoint p) {
    if (p == null) {
      return null;
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("datestamp", digits(p.datestamp()));
    m.put("level", p.level());
    m.put("target", p.target());
    return m;
  }
}
