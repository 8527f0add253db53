package io.codarestore.ui.common;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javafx.animation.Animation;
import javafx.animation.PauseTransition;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Control;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.Tooltip;
import javafx.scene.text.Text;
import javafx.stage.Window;
import javafx.util.Duration;

/**
 * Glossary help wherever a jargon word is shown: every label, button, cell, text field or text of
 * every window whose text says "level", "uniquifier", "SCM", "createvol_rep", "promoted"/"type 4"
 * or "bldvldb.sh" gets a tooltip with the {@link Glossary}'s line for each such word (added to a
 * tooltip it has already). A window is walked when shown and a quarter of a second after its layout
 * changed (at most four times a second), so text that appears later (a plan, a dry run, a dialog)
 * is covered too.
 */
public final class JargonTips {
  /** Each jargon word as it appears in the pages' text, with its glossary term. */
  static final Map<Pattern, String> WORDS = new LinkedHashMap<>();

  static {
    WORDS.put(Pattern.compile("(?i)\\blevels?\\b"), "Level");
    WORDS.put(Pattern.compile("(?i)\\buniquifiers?\\b"), "Uniquifier");
    WORDS.put(Pattern.compile("\\bSCM\\b"), "SCM");
    WORDS.put(Pattern.compile("createvol_rep"), "createvol_rep");
    WORDS.put(Pattern.compile("bldvldb\\.sh"), "bldvldb.sh");
    WORDS.put(Pattern.compile("(?i)\\bpromoted\\b|\\btype 4\\b"), "Promoted (type 4)");
  }

  private static final String MARK = "io.codarestore.jargon-tip";
  private static final String OWN = "io.codarestore.jargon-tip.own";

  private static boolean installed;

  private JargonTips() {}

  /** Covers every window shown from now on (and those showing). Call once, on the FX thread. */
  public static synchronized void installEverywhere() {
    if (installed) {
      return;
    }
    installed = true;
    for (Window w : Window.getWindows()) {
      watch(w);
    }
    Window.getWindows()
        .addListener(
            (ListChangeListener<Window>)
                c -> {
                  while (c.next()) {
                    c.getAddedSubList().forEach(JargonTips::watch);
                  }
                });
  }

  private static void watch(Window w) {
    if (w.getProperties().putIfAbsent(MARK, Boolean.TRUE) != null) {
      return;
    }
    if (w.getScene() != null) {
      install(w.getScene());
    }
    w.sceneProperty().addListener((o, was, now) -> install(now));
  }

  /** Covers one scene: walked now and after layout pulses (throttled). */
  public static void install(Scene scene) {
    if (scene == null || scene.getProperties().putIfAbsent(MARK, Boolean.TRUE) != null) {
      return;
    }
    PauseTransition walk = new PauseTransition(Duration.millis(250));
    walk.setOnFinished(
        e -> {
          if (scene.getRoot() != null) {
            cover(scene.getRoot());
          }
        });
    scene.addPostLayoutPulseListener(
        () -> {
          if (walk.getStatus() != Animation.Status.RUNNING) {
            walk.playFromStart();
          }
        });
    cover(scene.getRoot());
  }

  /** Walks {@code n} and everything in it, adding or updating the glossary tooltips. */
  public static void cover(Node n) {
    String text = textOf(n);
    if (text != null) {
      help(n, text);
    }
    if (n instanceof Parent p) {
      for (Node c : p.getChildrenUnmodifiable()) {
        cover(c);
      }
    }
  }

  /** The text a node shows itself, or null (a Labeled's inner Text belongs to the Labeled). */
  public static String textOf(Node n) {
    if (n instanceof Labeled l) {
      return l.getText();
    }
    if (n instanceof TextInputControl t) {
      String s = t.getText();
      return s == null || s.isEmpty() ? t.getPromptText() : s;
    }
    if (n instanceof Text t && !(t.getParent() instanceof Labeled)) {
      return isInsideTextInput(t) ? null : t.getText();
    }
    return null;
  }

  private static boolean isInsideTextInput(Node n) {
    for (Parent p = n.getParent(); p != null; p = p.getParent()) {
      if (p instanceof TextInputControl || p instanceof Labeled) {
        return true;
      }
    }
    return false;
  }

  /** The glossary lines for the jargon words in {@code text}, in the glossary's words. */
  public static List<String> linesFor(String text) {
    List<String> lines = new ArrayList<>();
    if (text == null) {
      return lines;
    }
    for (Map.Entry<Pattern, String> w : WORDS.entrySet()) {
      if (w.getKey().matcher(text).find()) {
        lines.add(Glossary.line(w.getValue()));
      }
    }
    return lines;
  }

  private static void help(Node n, String text) {
    List<String> lines = linesFor(text);
    Tooltip tip = tooltipOf(n);
    Object mine = n.getProperties().get(MARK);
    if (lines.isEmpty()) {
      if (tip != null && tip == mine) {
        // the text changed: the help we gave no longer applies; the node's own help stays
        Object own = n.getProperties().remove(OWN);
        setTooltip(n, own instanceof String o ? new Tooltip(o) : null);
        n.getProperties().remove(MARK);
      }
      return;
    }
    if (tip != null && tip != mine) {
      n.getProperties().put(OWN, tip.getText()); // the node's own help comes first
    } else if (tip == null) {
      n.getProperties().remove(OWN);
    }
    Object own = n.getProperties().get(OWN);
    StringBuilder wanted = new StringBuilder(own instanceof String o ? o : "");
    for (String line : lines) {
      if (wanted.indexOf(line) < 0) {
        wanted.append(wanted.length() == 0 ? "" : "\n").append(line);
      }
    }
    if (tip != null && wanted.toString().equals(tip.getText())) {
      return;
    }
    Tooltip t = new Tooltip(wanted.toString());
    t.setWrapText(true);
    t.setMaxWidth(480);
    n.getProperties().put(MARK, t);
    setTooltip(n, t);
  }

  /** The tooltip shown on {@code n}, or null. */
  public static Tooltip tooltipOf(Node n) {
    if (n instanceof Control c) {
      return c.getTooltip();
    }
    Object t = n.getProperties().get("javafx.scene.control.Tooltip");
    return t instanceof Tooltip tip ? tip : null;
  }

  private static void setTooltip(Node n, Tooltip t) {
    if (n instanceof Control c) {
      c.setTooltip(t);
    } else if (t == null) {
      Tooltip old = tooltipOf(n);
      if (old != null) {
        Tooltip.uninstall(n, old);
      }
    } else {
      Tooltip.install(n, t);
    }
  }
}
