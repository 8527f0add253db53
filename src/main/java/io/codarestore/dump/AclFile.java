package io.codarestore.dump;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code .coda-acls.json} file written at the top of an extracted tree: the access list of
 * every extracted directory, by path relative to the volume root ("." is the root). A local file
 * system cannot hold Coda ACLs, so they are kept here for an administrator (or a later restore) to
 * apply:
 *
 * <pre>
 * {
 *   "format": "coda-restore ACLs 1",
 *   "volume": "u.jan.0.backup",
 *   "directories": {
 *     ".": {"positive": [{"name": "System:Administrators", "rights": "rlidwka"}], "negative": []},
 *     "docs": {...}
 *   }
 * }
 * </pre>
 *
 * Rights are Coda's letters (r l i d w k a). A directory whose ACL text cannot be read maps to
 * {@code {"error": "...", "text": "<the raw text>"}}; one without an ACL in the dump to null.
 */
final class AclFile {
  static final String FORMAT = "coda-restore ACLs 1";

  private final String volume;
  private final List<String> entries = new ArrayList<>();
  private final List<TreeNotice> problems = new ArrayList<>();

  AclFile(String volume) {
    this.volume = volume;
  }

  /** Adds one directory's ACL. */
  void add(TreeDirectory d) {
    String acl = d.record().acl();
    StringBuilder b = new StringBuilder();
    b.append("    ").append(quote(d.path())).append(": ");
    if (acl == null) {
      b.append("null");
    } else {
      String text = fromBytes(acl);
      try {
        Acl parsed = Acl.parse(text);
        b.append("{\"positive\": ");
        list(b, parsed.positive());
        b.append(", \"negative\": ");
        list(b, parsed.negative());
        b.append('}');
      } catch (IllegalArgumentException e) {
        b.append("{\"error\": ")
            .append(quote(e.getMessage()))
            .append(", \"text\": ")
            .append(quote(text))
            .append('}');
        problems.add(
            new TreeNotice(
                TreeNotice.Kind.BAD_VNODE,
                d.path(),
                "ACL of " + SafeName.escape(d.path()) + " cannot be read: " + e.getMessage()));
      }
    }
    entries.add(b.toString());
  }

  /** ACLs that could not be read. */
  List<TreeNotice> problems() {
    return problems;
  }

  byte[] bytes() {
    StringBuilder b = new StringBuilder();
    b.append("{\n  \"format\": ").append(quote(FORMAT)).append(",\n");
    b.append("  \"volume\": ").append(quote(fromBytes(volume))).append(",\n");
    b.append("  \"directories\": {");
    for (int i = 0; i < entries.size(); i++) {
      b.append(i == 0 ? "\n" : ",\n").append(entries.get(i));
    }
    b.append(entries.isEmpty() ? "}\n}\n" : "\n  }\n}\n");
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void list(StringBuilder b, List<Acl.Entry> es) {
    b.append('[');
    for (int i = 0; i < es.size(); i++) {
      Acl.Entry e = es.get(i);
      b.append(i == 0 ? "" : ", ")
          .append("{\"name\": ")
          .append(quote(e.name()))
          .append(", \"rights\": ")
          .append(quote(e.letters()))
          .append('}');
    }
    b.append(']');
  }

  /** Dump strings hold bytes one char each; Coda clients write UTF-8. */
  private static String fromBytes(String isoLatin1) {
    return new String(isoLatin1.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
  }

  /** A JSON string literal. */
  static String quote(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2);
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\t' -> b.append("\\t");
        case '\r' -> b.append("\\r");
        default -> {
          if (c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F) || c == 0x2028 || c == 0x2029) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
