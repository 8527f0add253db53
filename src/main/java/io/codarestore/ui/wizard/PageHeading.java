package io.codarestore.ui.wizard;

import org.kordamp.ikonli.Ikon;

/**
 * What the frame shows about a page with a fixed heading: its icon and short name in the step list,
 * and the question above it. A page gives one of these instead of three overrides.
 *
 * @param icon the icon in the step list, or null
 * @param title the short name in the step list, e.g. "Volume"
 * @param question the question shown above the page, e.g. "Which volume?"
 */
public record PageHeading(Ikon icon, String title, String question) {
  public PageHeading {
    if (title == null || title.isBlank() || question == null || question.isBlank()) {
      throw new IllegalArgumentException("a page needs a title and a question");
    }
  }
}
