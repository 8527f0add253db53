package io.codarestore.ui.chain;

/** How far a link of the chain is proven, as the timeline colours it. */
public enum LinkState {
  /** Headers not read yet. */
  PENDING("link-pending", "…"),
  /** The headers prove the link (uniquifiers continue). */
  OK("link-ok", "✓"),
  /** The headers prove the link wrong. */
  BROKEN("link-broken", "✗"),
  /** A header could not be read. */
  UNCHECKED("link-unchecked", "?");

  private final String styleClass;
  private final String mark;

  LinkState(String styleClass, String mark) {
    this.styleClass = styleClass;
    this.mark = mark;
  }

  public String styleClass() {
    return styleClass;
  }

  public String mark() {
    return mark;
  }
}
