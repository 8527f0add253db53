package io.codarestore.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.codarestore.core.ExternalProgram;
import io.codarestore.core.UserFacingException;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an error dialog says: what happened and what to do, never a Java class or a trace. */
class ErrorTextTest {
  @TempDir Path tmp;

  @Test
  void aProgramThatIsNotThereIsSaidWithWhatToDo() {
    Throwable e =
        org.assertj.core.api.Assertions.catchThrowable(
            () -> ExternalProgram.of(java.util.List.of(tmp.resolve("volutil").toString())).run());
    assertThat(e).isInstanceOf(ExternalProgram.NotStarted.class);
    assertThat(ErrorDialog.userText(e))
        .isEqualTo(
            "volutil not found: install the Coda server tools, or give the volutil command's full"
                + " path in File › Settings or on the Target page.");
  }

  @Test
  void processBuildersOwnWordsAreSaidTheSameWay() {
    Throwable e =
        new UserFacingException(
            "cannot run cfs: Cannot run program \"cfs\": error=2, No such file or directory",
            new IOException("Cannot run program \"cfs\": error=2, No such file or directory"));
    assertThat(ErrorDialog.userText(e)).startsWith("cfs not found: install the Coda client");
  }

  @Test
  void anInternalErrorNamesNoJavaClass() {
    String text = ErrorDialog.userText(new NullPointerException("x is null"));
    assertThat(text)
        .startsWith("Something went wrong inside the assistant")
        .contains("Copy details")
        .doesNotContain("NullPointerException")
        .doesNotContain("x is null");
  }
}
