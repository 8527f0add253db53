package io.codarestore.amanda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AmandaLogTokenizerTest {
  private static List<String> words(String line) {
    AmandaLogTokenizer t = new AmandaLogTokenizer(line);
    List<String> out = new ArrayList<>();
    String w;
    while ((w = t.next()) != null) {
      out.add(w);
    }
    return out;
  }

  @Test
  void splitsOnBlanksAndUnquotesStoragePoolWords() {
    assertThat(words("PART taper \"ST:codafix\" \"POOL:codafix\" CODA-01 5  localhost"))
        .containsExactly(
            "PART", "taper", "ST:codafix", "POOL:codafix", "CODA-01", "5", "localhost");
  }

  @Test
  void quotedWordKeepsBlanksAndEscapes() {
    assertThat(words("DISK planner host \"/vicepa/my vol\" x"))
        .containsExactly("DISK", "planner", "host", "/vicepa/my vol", "x");
    assertThat(words("a \"say \\\"hi\\\" \\\\ now\" b"))
        .containsExactly("a", "say \"hi\" \\ now", "b");
    assertThat(words("\"tab\\there\" \"nl\\n\" \"oct\\101\\102\""))
        .containsExactly("tab\there", "nl\n", "octAB");
    assertThat(words("\"\"")).containsExactly("");
  }

  @Test
  void unterminatedQuoteIsAnError() {
    assertThatThrownBy(() -> words("DISK planner host \"/vicepa/my vol"))
        .isInstanceOf(AmandaLogTokenizer.UnterminatedQuoteException.class);
  }

  @Test
  void restReturnsTheRawRemainder() {
    AmandaLogTokenizer t = new AmandaLogTokenizer("FAIL dumper h d  [reason with \"quote]");
    t.next();
    t.next();
    t.next();
    t.next();
    assertThat(t.rest()).isEqualTo("[reason with \"quote]");
    assertThat(t.next()).isNull();
  }
}
