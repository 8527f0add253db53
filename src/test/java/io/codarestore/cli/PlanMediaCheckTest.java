package io.codarestore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.codarestore.core.Cancellation;
import io.codarestore.core.ProgressListener;
import io.codarestore.ui.demo.DemoInstaller;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code plan} looks at the media (the demo's real Amanda vtapes, which the project carries): a
 * deleted slot, a missing or truncated part, a lying label or a symlink loop is "media missing"
 * naming the file, exit 1; {@code --no-media-check} trusts the catalog.
 */
class PlanMediaCheckTest {
  @TempDir Path dir;
  Path db;
  Path vtapes;
  String out;
  String err;

  /** coda.root on 7 March: full of 6 March (CODA-04, files 1-3), level 1 of 7 March (CODA-05). */
  Path base() {
    return vtapes.resolve("slot4/00003.localhost.coda.root.0");
  }

  Path head() {
    return vtapes.resolve("slot5/00003.localhost.coda.root.1");
  }

  int run(String... args) {
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    int rc = Cli.run(new PrintWriter(o, true), new PrintWriter(e, true), args);
    out = o.toString();
    err = e.toString();
    return rc;
  }

  @BeforeEach
  void demo() {
    DemoInstaller.DemoInstall demo =
        new DemoInstaller()
            .install(dir.resolve("demo"), ProgressListener.NONE, Cancellation.none());
    vtapes = demo.root().resolve("vtapes");
    db = dir.resolve("catalog.db");
    assertThat(
            run(
                "catalog",
                "import",
                "--db",
                db.toString(),
                "--config",
                demo.configDir().toString()))
        .as(err)
        .isZero();
  }

  private JsonNode plan(String... extra) throws Exception {
    String[] base = {
      "plan",
      "--db",
      db.toString(),
      "--host",
      "localhost",
      "--volume",
      "coda.root",
      "--date",
      "2024-03-07",
      "--json"
    };
    String[] args = java.util.Arrays.copyOf(base, base.length + extra.length);
    System.arraycopy(extra, 0, args, base.length, extra.length);
    run(args);
    return new ObjectMapper().readTree(out);
  }

  private void assertMediaMissing(String what, String... inReason) throws Exception {
    JsonNode p = plan();
    assertThat(p.get("restorable").asBoolean()).as(what).isFalse();
    assertThat(p.get("mediaChecked").asBoolean()).isTrue();
    String reason = p.get("missing").get("reason").asText();
    assertThat(reason).as(what).startsWith("media missing: ").contains(inReason);
    assertThat(err.strip().lines()).as(what).hasSize(1);
    assertThat(err).contains("not restorable").contains("media missing");
    assertThat(run(planArgs("--no-media-check"))).as(what + " unchecked").isZero();
    assertThat(out).contains("restorable").doesNotContain("NOT restorable");
  }

  private String[] planArgs(String extra) {
    return new String[] {
      "plan",
      "--db",
      db.toString(),
      "--host",
      "localhost",
      "--volume",
      "coda.root",
      "--date",
      "2024-03-07",
      extra
    };
  }

  @Test
  void wholeMediaAreRestorable() throws Exception {
    JsonNode p = plan();
    assertThat(p.get("restorable").asBoolean()).as(err).isTrue();
    assertThat(p.get("chain")).hasSize(2);
    assertThat(p.get("mediaChecked").asBoolean()).isTrue();
    assertThat(plan("--no-media-check").get("mediaChecked").asBoolean()).isFalse();
  }

  @Test
  void aTruncatedPartIsMediaMissingNamingTheFile() throws Exception {
    try (FileChannel ch = FileChannel.open(base(), StandardOpenOption.WRITE)) {
      ch.truncate(ch.size() / 2);
    }
    assertMediaMissing("truncated", base().toString(), "cut short");
    JsonNode link = plan().get("chain").get(0);
    assertThat(link.get("available").asBoolean()).isFalse();
    assertThat(link.get("reason").asText()).startsWith("media missing: ");
  }

  @Test
  void aMissingPartFileIsMediaMissing() throws Exception {
    Files.delete(head());
    assertMediaMissing("part deleted", "CODA-05", "no file 3", vtapes.resolve("slot5").toString());
  }

  @Test
  void aDeletedSlotIsMediaMissing() throws Exception {
    Files.move(vtapes.resolve("slot4"), dir.resolve("slot4-elsewhere"));
    assertMediaMissing("slot deleted", "CODA-04", vtapes.toString());
  }

  @Test
  void aLyingLabelIsMediaMissing() throws Exception {
    // slot5's label file says CODA-04 inside: CODA-05 is in no slot.
    Files.copy(
        vtapes.resolve("slot4/00000.CODA-04"),
        vtapes.resolve("slot5/00000.CODA-05"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    assertMediaMissing("lying label", "CODA-05");
  }

  @Test
  void aSymlinkLoopIsMediaMissing() throws Exception {
    Files.delete(head());
    Files.createSymbolicLink(head(), head().getFileName());
    assertMediaMissing("symlink loop", head().toString());
  }
}
