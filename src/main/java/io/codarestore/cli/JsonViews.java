package io.codarestore.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.codarestore.catalog.CatalogDump;
import io.codarestore.catalog.CatalogPart;
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

  private JsonViews() {}

  static Map<String, Object> dump(CatalogDump d) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("host", d.host());
    m.put("volume", d.volume());
    m.put("datestamp", d.datestamp());
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
    m.put("detail", d.detail());
    m.put("log", d.logFile() + ":" + d.logLine());
    List<Object> parts = new ArrayList<>();
    for (CatalogPart p : d.parts()) {
      parts.add(part(p));
    }
    m.put("parts", parts);
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
      c.put("datestamp", l.datestamp());
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
      List<Object> parts = new ArrayList<>();
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
      gm.put("datestamp", g.datestamp());
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
      sm.put("datestamp", s.datestamp());
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
    m.put("datestamp", p.datestamp());
    m.put("level", p.level());
    m.put("target", p.target());
    return m;
  }
}
