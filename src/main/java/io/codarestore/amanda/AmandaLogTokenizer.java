package io.codarestore.amanda;

/**
 * Splits one line of an Amanda file into words the way Amanda's {@code split_quoted_strings} does:
 * words are separated by blanks, a double-quoted stretch may contain blanks, and inside quotes a
 * backslash escapes the next character ({@code \n}, {@code \t}, {@code \r}, {@code \f}, octal
 * {@code \ooo}, anything else stands for itself). Pull-style so that the parser can stop after the
 * fixed fields and take the raw rest of the line (free text such as a FAIL reason).
 */
final class AmandaLogTokenizer {
  private final String line;
  private int pos;

  AmandaLogTokenizer(String line) {
    this(line, 0);
  }

  AmandaLogTokenizer(String line, int start) {
    this.line = line;
    this.pos = start;
  }

  /** True if another word follows. */
  boolean hasNext() {
    skipBlanks();
    return pos < line.length();
  }

  /** The next word, unquoted; null at the end of the line. */
  String next() {
    skipBlanks();
    int n = line.length();
    if (pos >= n) {
      return null;
    }
    // Fast path: a plain word without quotes or escapes.
    int end = pos;
    while (end < n) {
      char c = line.charAt(end);
      if (c == ' ' || c == '\t') {
        break;
      }
      if (c == '"' || c == '\\') {
        return slowWord();
      }
      end++;
    }
    String w = line.substring(pos, end);
    pos = end;
    return w;
  }

  private String slowWord() {
    StringBuilder sb = new StringBuilder();
    int n = line.length();
    boolean quoted = false;
    while (pos < n) {
      char c = line.charAt(pos);
      if (!quoted && (c == ' ' || c == '\t')) {
        break;
      }
      pos++;
      if (c == '"') {
        quoted = !quoted;
      } else if (c == '\\' && pos < n) {
        pos = unescape(sb, pos);
      } else {
        sb.append(c);
      }
    }
    if (quoted) {
      throw new UnterminatedQuoteException();
    }
    return sb.toString();
  }

  private int unescape(StringBuilder sb, int at) {
    char e = line.charAt(at);
    switch (e) {
      case 'n' -> sb.append('\n');
      case 't' -> sb.append('\t');
      case 'r' -> sb.append('\r');
      case 'f' -> sb.append('\f');
      default -> {
        if (e >= '0' && e <= '7') {
          int v = 0;
          int i = at;
          while (i < line.length()
              && i < at + 3
              && line.charAt(i) >= '0'
              && line.charAt(i) <= '7') {
            v = v * 8 + (line.charAt(i) - '0');
            i++;
          }
          sb.append((char) v);
          return i;
        }
        sb.append(e);
      }
    }
    return at + 1;
  }

  /** The raw, unparsed remainder of the line (leading blanks removed), possibly empty. */
  String rest() {
    skipBlanks();
    String r = line.substring(Math.min(pos, line.length()));
    pos = line.length();
    return r;
  }

  /** Position of the next unread character. */
  int position() {
    skipBlanks();
    return pos;
  }

  private void skipBlanks() {
    int n = line.length();
    while (pos < n) {
      char c = line.charAt(pos);
      if (c != ' ' && c != '\t') {
        break;
      }
      pos++;
    }
  }

  /** A quote opened but never closed on this line. */
  static final class UnterminatedQuoteException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    UnterminatedQuoteException() {
      super("unterminated double quote");
    }
  }
}
