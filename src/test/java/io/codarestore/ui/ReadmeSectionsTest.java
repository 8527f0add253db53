package io.codarestore.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The README inside the program and the sections the Help menu shows from it. */
class ReadmeSectionsTest {
  @Test
  void aSectionRunsToTheNextHeadingOfItsLevelAndSkipsCodeComments() {
    String md =
        "# T\n## A\ntext a\n### A.1\n```\n# a shell comment\n## not a heading\n```\nmore\n"
            + "## B\ntext b\n";
    assertThat(ReadmeSections.section(md, "A"))
        .isEqualTo("## A\ntext a\n### A.1\n```\n# a shell comment\n## not a heading\n```\nmore");
    assertThat(ReadmeSections.section(md, "A.1"))
        .isEqualTo("### A.1\n```\n# a shell comment\n## not a heading\n```\nmore");
    assertThat(ReadmeSections.section(md, "B")).isEqualTo("## B\ntext b");
    assertThat(ReadmeSections.section(md, "C")).isNull();
  }

  @Test
  void everyOfferedSectionIsInTheShippedReadme() {
    String readme = ReadmeSections.readme();
    assertThat(readme).as("README.md inside the program").isNotNull();
    for (String heading : ReadmeSections.OFFERED) {
      assertThat(ReadmeSections.section(readme, heading)).as(heading).isNotBlank();
    }
  }
}
