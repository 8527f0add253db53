package io.codarestore;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small, deliberately simple scan of one Java source file for the size rules of issue 15: how
 * many lines it has and how long each method and constructor is.
 *
 * <p>How it works: comments, string and char literals and text blocks are first blanked (their
 * characters replaced by spaces, line breaks kept), so braces inside them do not count. Then every
 * {@code {} is looked at together with the text since the previous {@code ;}, {@code {} or {@code
 * }} (its "header"). The block is a method or constructor when that header, after dropping
 * annotations, ends in a parameter list (optionally followed by {@code throws ...}), the name
 * before the list is not a keyword ({@code if}, {@code for}, {@code catch}, ...), the header holds
 * no {@code new}, {@code =}, {@code ->} or {@code return} (anonymous classes, array initialisers,
 * lambdas), and there is a return type before the name or the name is the enclosing class's (a
 * constructor). A record's compact constructor ({@code Name {}) counts too. The length is counted
 * from the line holding the name to the line of the matching closing brace, both included. Nested
 * methods (in anonymous or local classes) are reported on their own and also count in the method
 * that holds them.
 */
final class JavaSourceShape {

  /** One method or constructor: its name, the line it starts on and its length in lines. */
  record Method(String name, int line, int lines) {}

  private static final Set<String> NOT_A_METHOD_NAME =
      Set.of(
          "if",
          "for",
          "while",
          "switch",
          "catch",
          "synchronized",
          "try",
          "return",
          "throw",
          "else",
          "do",
          "case",
          "new",
          "assert",
          "yield");

  private static final Pattern ANNOTATION =
      Pattern.compile("@(?!interface\\b)[\\w.]+(\\s*\\([^()]*(\\([^()]*\\)[^()]*)*\\))?");
  private static final Pattern TYPE_DECLARATION =
      Pattern.compile("\\b(class|interface|enum|record|@interface)\\s+(\\w+)");
  private static final Pattern METHOD_HEADER =
      Pattern.compile(
          "^(?<before>[\\w\\s<>\\[\\],.?&]*?)(?<name>\\w+)\\s*\\((?<params>.*)\\)"
              + "\\s*(throws\\s+[\\w\\s,.<>]+)?$",
          Pattern.DOTALL);
  private static final Pattern COMPACT_CONSTRUCTOR =
      Pattern.compile("^((public|protected|private)\\s+)?(?<name>[A-Z]\\w*)$");

  private static final String ANONYMOUS = "<anonymous>";

  private final int lineCount;
  private final List<Method> methods = new ArrayList<>();

  private JavaSourceShape(String source) {
    String code = blankCommentsAndLiterals(source);
    this.lineCount = source.isEmpty() ? 0 : (int) source.lines().count();
    scan(code);
  }

  /** Scans one file's source text. */
  static JavaSourceShape of(String source) {
    return new JavaSourceShape(source);
  }

  int lineCount() {
    return lineCount;
  }

  List<Method> methods() {
    return List.copyOf(methods);
  }

  /** Kinds of open block, to know a constructor's class and where a method ends. */
  private record Block(String typeName, String methodName, int methodLine) {}

  private void scan(String code) {
    Deque<Block> open = new ArrayDeque<>();
    int headerStart = 0;
    for (int i = 0; i < code.length(); i++) {
      char c = code.charAt(i);
      if (c == ';') {
        headerStart = i + 1;
      } else if (c == '{') {
        String header = code.substring(headerStart, i);
        open.push(classify(header, code, headerStart, open));
        headerStart = i + 1;
      } else if (c == '}') {
        Block closed = open.isEmpty() ? null : open.pop();
        if (closed != null && closed.methodName() != null) {
          int endLine = lineOf(code, i);
          methods.add(
              new Method(
                  closed.methodName(), closed.methodLine(), endLine - closed.methodLine() + 1));
        }
        headerStart = i + 1;
      }
    }
    methods.sort((a, b) -> Integer.compare(a.line(), b.line()));
  }

  private Block classify(String rawHeader, String code, int headerStart, Deque<Block> open) {
    String enclosingType =
        open.stream().map(Block::typeName).filter(t -> t != null).findFirst().orElse(null);
    String header = ANNOTATION.matcher(rawHeader).replaceAll(" ").strip();
    while (header.startsWith(",")) {
      header = header.substring(1).strip();
    }
    Matcher type = TYPE_DECLARATION.matcher(header);
    if (type.find()) {
      return new Block(type.group(2), null, 0);
    }
    boolean inTypeBody = !open.isEmpty() && open.peek().typeName() != null;
    if (header.matches("(?s).*\\bnew\\b.*\\)")) {
      return new Block(ANONYMOUS, null, 0); // an anonymous class
    }
    String name = methodName(header, enclosingType, open);
    if (name == null
        && inTypeBody
        && header.matches("(?s)\\w+\\s*(\\(.*\\))?")
        && !header.equals("static")) {
      return new Block(ANONYMOUS, null, 0); // an enum constant with a body
    }
    if (name == null) {
      return new Block(null, null, 0);
    }
    int nameAt =
        rawHeader.lastIndexOf(
            name,
            rawHeader.indexOf('(') < 0
                ? rawHeader.length()
                : firstParenAfterAnnotations(rawHeader));
    return new Block(null, name, lineOf(code, headerStart + Math.max(nameAt, 0)));
  }

  private static int firstParenAfterAnnotations(String rawHeader) {
    Matcher annotations = ANNOTATION.matcher(rawHeader);
    int from = 0;
    while (annotations.find()) {
      from = annotations.end();
    }
    int paren = rawHeader.indexOf('(', from);
    return paren < 0 ? rawHeader.length() : paren;
  }

  private static String methodName(String header, String enclosingType, Deque<Block> open) {
    boolean inTypeBody = !open.isEmpty() && open.peek().typeName() != null;
    if (header.contains("->")
        || header.contains("=")
        || header.matches("(?s).*\\bnew\\b.*")
        || header.matches("(?s).*\\breturn\\b.*")) {
      return null;
    }
    Matcher compact = COMPACT_CONSTRUCTOR.matcher(header);
    if (inTypeBody && compact.matches() && compact.group("name").equals(enclosingType)) {
      return enclosingType;
    }
    Matcher m = METHOD_HEADER.matcher(header);
    if (!m.matches() || NOT_A_METHOD_NAME.contains(m.group("name"))) {
      return null;
    }
    String name = m.group("name");
    String before = m.group("before").strip();
    boolean hasReturnType = !before.isEmpty() && !before.matches("(public|protected|private)");
    boolean isConstructor = name.equals(enclosingType);
    return inTypeBody && (hasReturnType || isConstructor) ? name : null;
  }

  private static int lineOf(String code, int index) {
    int line = 1;
    for (int i = 0; i < index; i++) {
      if (code.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }

  /**
   * The source with every comment, string, char literal and text block replaced by spaces (line
   * breaks kept, quotes kept), so that only code is left to count braces in.
   */
  static String blankCommentsAndLiterals(String source) {
    StringBuilder out = new StringBuilder(source.length());
    int i = 0;
    int n = source.length();
    while (i < n) {
      char c = source.charAt(i);
      if (source.startsWith("//", i)) {
        int end = source.indexOf('\n', i);
        end = end < 0 ? n : end;
        blank(source, i, end, out);
        i = end;
      } else if (source.startsWith("/*", i)) {
        int end = source.indexOf("*/", i + 2);
        end = end < 0 ? n : end + 2;
        blank(source, i, end, out);
        i = end;
      } else if (source.startsWith("\"\"\"", i)) {
        int end = endOfLiteral(source, i + 3, "\"\"\"");
        out.append("\"\"\"");
        blank(source, i + 3, end - 3, out);
        out.append("\"\"\"");
        i = end;
      } else if (c == '"' || c == '\'') {
        int end = endOfLiteral(source, i + 1, String.valueOf(c));
        out.append(c);
        blank(source, i + 1, end - 1, out);
        out.append(c);
        i = end;
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  /** The index just after the closing quote, skipping backslash escapes. */
  private static int endOfLiteral(String source, int from, String quote) {
    int i = from;
    while (i < source.length()) {
      if (source.charAt(i) == '\\') {
        i += 2;
      } else if (source.startsWith(quote, i)) {
        return i + quote.length();
      } else {
        i++;
      }
    }
    return source.length() + quote.length();
  }

  private static void blank(String source, int from, int to, StringBuilder out) {
    for (int i = from; i < Math.min(to, source.length()); i++) {
      out.append(source.charAt(i) == '\n' ? '\n' : ' ');
    }
  }
}
