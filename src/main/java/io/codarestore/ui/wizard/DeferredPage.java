package io.codarestore.ui.wizard;

import java.util.function.Supplier;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableValue;
import javafx.scene.Node;
import org.kordamp.ikonli.Ikon;

/**
 * A page of the step list that is built later: its title and icon are known at once (the frame's
 * step list shows them), the page itself is built by {@link #build()}, which the main window runs
 * right after the first frame of the window is drawn, so that the first window does not wait for
 * pages nobody sees yet. Everything but the title and icon goes to the built page (built on first
 * use if {@link #build()} has not run yet).
 */
public final class DeferredPage<P extends WizardPage> implements WizardPage {
  private final String title;
  private final Ikon icon;
  private final Supplier<P> factory;
  private P page;

  public DeferredPage(String title, Ikon icon, Supplier<P> factory) {
    this.title = title;
    this.icon = icon;
    this.factory = factory;
  }

  /** Builds the page now if it is not built yet; returns it. */
  public P build() {
    if (page == null) {
      P p = factory.get();
      if (!title.equals(p.title()) || icon != p.icon()) {
        throw new IllegalStateException(
            "deferred page '" + title + "' is built as '" + p.title() + "' with another icon");
      }
      page = p;
    }
    return page;
  }

  /** The page if it is built, else null. */
  public P builtOrNull() {
    return page;
  }

  @Override
  public String title() {
    return title;
  }

  @Override
  public Ikon icon() {
    return icon;
  }

  @Override
  public String heading() {
    return build().heading();
  }

  @Override
  public ObservableValue<String> headingValue() {
    return build().headingValue();
  }

  @Override
  public boolean showsCancel() {
    return build().showsCancel();
  }

  @Override
  public Node initialFocus() {
    return build().initialFocus();
  }

  @Override
  public boolean beforeNext(Runnable proceed) {
    return build().beforeNext(proceed);
  }

  @Override
  public Node view() {
    return build().view();
  }

  @Override
  public ObservableBooleanValue complete() {
    return build().complete();
  }

  @Override
  public void entered(boolean forward) {
    build().entered(forward);
  }

  @Override
  public ObservableBooleanValue canGoBack() {
    return build().canGoBack();
  }

  @Override
  public String nextText() {
    return build().nextText();
  }

  @Override
  public boolean cancelWork() {
    return page != null && page.cancelWork(); // nothing runs on a page not built
  }
}
