package dev.whittle.explore;

import dev.whittle.report.HumanText;
import static org.assertj.core.api.Assertions.assertThat;

import dev.whittle.measure.tree.TreeScope;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The explorer driven by key presses, read back as the text of an 80x24 screen. */
class ExplorerTest {
    private static ExploreModel model;

    @BeforeAll
    static void build() {
        model = ExploreFixture.model();
    }

    /** 120 columns: deep paths fit whole. {@link #opensOnTheFirstLayerWithItsFilesExpanded} checks 80x24. */
    private static List<String> screen(Explorer e) {
        return ScreenLayout.text(ScreenLayout.render(e, false, 120, 24));
    }

    private static String all(Explorer e) {
        return String.join("\n", screen(e));
    }

    private static void press(Explorer e, KeyPress... keys) {
        for (KeyPress k : keys) {
            e.press(k);
        }
    }

    private static void type(Explorer e, String text) {
        for (char c : text.toCharArray()) {
            e.press(KeyPress.ch(c));
        }
    }

    /** The tree rows of the screen: the right column, from the header on. */
    private static List<String> tree(Explorer e) {
        List<String> rows = screen(e);
        int split = rows.get(2).indexOf('│');
        return rows.subList(3, rows.size() - 2).stream()
                .map(r -> r.length() > split + 1 ? r.substring(split + 1) : "")
                .filter(r -> !r.isBlank()).toList();
    }

    @Test
    void opensOnTheFirstLayerWithItsFilesExpanded() {
        Explorer e = new Explorer(model);
        List<String> s = ScreenLayout.text(ScreenLayout.render(e, false, 80, 24));
        assertThat(s).hasSize(24).allSatisfy(r -> assertThat(r.length()).isLessThanOrEqualTo(80));
        assertThat(s.get(0)).contains("whittle explore").contains("layer 0 of 4 (its changes)");
        assertThat(String.join("\n", s)).contains(">  0     560 B  ADD file:rootfs")
                .contains("   1   45.1 kB  RUN apt-get updat…").contains("   3   3.00 kB  COPY app /app")
                .contains(" A     200 B  │   └── sh").contains(" A     300 B          └── old  hidden by L2")
                .contains(">A     200 B  ├── bin/");
        assertThat(s.get(23)).contains("^L changes").contains("^A aggregated").contains("q quit");
        assertThat(e.scope()).isEqualTo(TreeScope.LAYER);
    }

    @Test
    void arrowsSelectALayerAndCtrlASwitchesToEverythingUpToIt() {
        Explorer e = new Explorer(model);
        press(e, KeyPress.of(Key.DOWN), KeyPress.ch('j'));
        assertThat(e.layer()).isEqualTo(2);
        assertThat(tree(e)).anySatisfy(r -> assertThat(r).contains("R   40.0 kB").contains("archives/"))
                .anySatisfy(r -> assertThat(r).contains("R     300 B").contains("old"))
                .anySatisfy(r -> assertThat(r).contains("A       7 B").contains("new"))
                .noneSatisfy(r -> assertThat(r).contains("sh"));
        press(e, KeyPress.of(Key.CTRL_A));
        assertThat(e.scope()).isEqualTo(TreeScope.AGGREGATED);
        assertThat(screen(e).get(0)).contains("layer 2 of 4 (aggregated)");
        assertThat(tree(e)).anySatisfy(r -> assertThat(r).contains("U     200 B").contains("sh"))
                .anySatisfy(r -> assertThat(r).contains("U   5.00 kB").contains("curl"));
        press(e, KeyPress.ch('k'), KeyPress.of(Key.CTRL_L));
        assertThat(e.layer()).isEqualTo(1);
        assertThat(tree(e)).anySatisfy(r -> assertThat(r).contains("M      60 B").contains("os-release"))
                .anySatisfy(r -> assertThat(r).contains("A   40.0 kB").contains("archives/  hidden by L2"))
                .anySatisfy(r -> assertThat(r).contains("A   40.0 kB").contains("curl_8.5.0_amd64.deb"));
    }

    @Test
    void theFilterKeepsMatchesInTheirTreeAndEscClearsIt() {
        Explorer e = new Explorer(model);
        press(e, KeyPress.of(Key.DOWN), KeyPress.of(Key.CTRL_A), KeyPress.of(Key.TAB), KeyPress.ch('/'));
        type(e, "curl");
        assertThat(screen(e).get(23)).contains("Filter: curl_");
        press(e, KeyPress.of(Key.ENTER));
        assertThat(tree(e)).extracting(r -> r.substring(14))
                .containsExactly("├── usr/", "│   └── bin/", "│       └── curl", "└── var/", "    └── cache/",
                        "        └── apt/", "            └── archives/  hidden by L2",
                        "                └── curl_8.5.0_amd64.deb  hidden by L2");
        assertThat(screen(e).get(1)).contains("Files · L1 and below · /curl");
        press(e, KeyPress.of(Key.CTRL_F));
        type(e, "*.deb");
        press(e, KeyPress.of(Key.ENTER));
        assertThat(tree(e)).hasSize(5).last().asString().contains("curl_8.5.0_amd64.deb");
        press(e, KeyPress.of(Key.ESCAPE));
        assertThat(tree(e)).anySatisfy(r -> assertThat(r).contains("sh"));
    }

    /** Typing narrows the last rows' matches; Backspace and other texts start again from the whole tree. */
    @Test
    void theFilterWidensAgainOnBackspace() {
        Explorer typed = new Explorer(model);
        press(typed, KeyPress.of(Key.DOWN), KeyPress.of(Key.CTRL_A), KeyPress.of(Key.TAB), KeyPress.ch('/'));
        type(typed, "curl");
        assertThat(tree(typed)).noneSatisfy(r -> assertThat(r).contains("os-release"));
        press(typed, KeyPress.of(Key.BACKSPACE), KeyPress.of(Key.BACKSPACE), KeyPress.of(Key.BACKSPACE));
        assertThat(tree(typed)).anySatisfy(r -> assertThat(r).contains("etc/")); // "c", not within "cur"'s matches
        type(typed, "a");
        Explorer direct = new Explorer(model);
        press(direct, KeyPress.of(Key.DOWN), KeyPress.of(Key.CTRL_A), KeyPress.of(Key.TAB), KeyPress.ch('/'));
        type(direct, "ca");
        assertThat(tree(typed)).isEqualTo(tree(direct))
                .anySatisfy(r -> assertThat(r).contains("cache/"))
                .noneSatisfy(r -> assertThat(r).contains("usr/"));
        press(typed, KeyPress.of(Key.BACKSPACE), KeyPress.of(Key.BACKSPACE));
        assertThat(tree(typed)).anySatisfy(r -> assertThat(r).contains("os-release"));
    }

    @Test
    void changeKindsHideAndFoldingFolds() {
        Explorer e = new Explorer(model);
        press(e, KeyPress.of(Key.DOWN), KeyPress.of(Key.DOWN), KeyPress.of(Key.CTRL_A), KeyPress.of(Key.TAB));
        press(e, KeyPress.of(Key.CTRL_U));
        assertThat(tree(e)).noneSatisfy(r -> assertThat(r).contains(" sh"))
                .anySatisfy(r -> assertThat(r).contains("R").contains("archives/"));
        assertThat(screen(e).get(1)).contains("hiding U");
        press(e, KeyPress.of(Key.CTRL_R));
        assertThat(tree(e)).noneSatisfy(r -> assertThat(r).contains("archives"));
        press(e, KeyPress.of(Key.CTRL_U), KeyPress.of(Key.CTRL_R));
        int before = tree(e).size();
        // Hiding U left the cursor on /opt, the first row then: Space folds its four rows away.
        assertThat(e.selectedPath()).isEqualTo("/opt");
        press(e, KeyPress.of(Key.SPACE));
        assertThat(tree(e)).hasSize(before - 4).noneSatisfy(r -> assertThat(r).contains("new"));
        press(e, KeyPress.of(Key.RIGHT));
        assertThat(tree(e)).hasSize(before);
        press(e, KeyPress.of(Key.CTRL_SPACE));
        assertThat(tree(e)).extracting(r -> r.substring(14))
                .containsExactly("├── bin/", "├── etc/", "├── opt/", "├── usr/", "└── var/");
        press(e, KeyPress.of(Key.CTRL_B));
        assertThat(screen(e).get(2)).contains("PERMISSION  UID:GID");
        assertThat(tree(e).get(0)).contains("drwxr-xr-x").contains("0:0");
    }

    @Test
    void sortingBySizePutsTheLargestFirst() {
        Explorer e = new Explorer(model);
        press(e, KeyPress.of(Key.DOWN), KeyPress.of(Key.TAB), KeyPress.ch('s'));
        assertThat(tree(e).get(0)).contains("var/");
        assertThat(screen(e).get(1)).contains("by size");
        press(e, KeyPress.of(Key.CTRL_O));
        assertThat(tree(e).get(0)).contains("etc/");
    }

    @Test
    void theImagePaneListsWastedFilesAndEnterJumpsToOne() {
        Explorer e = new Explorer(model);
        assertThat(all(e)).contains("wasted 40.4 kB · eff. 17.0%")
                .contains("> 40.0 kB L1>L2 /var/cache/apt/archives");
        press(e, KeyPress.of(Key.BACK_TAB));
        assertThat(e.pane()).isEqualTo(Pane.IMAGE);
        assertThat(screen(e).get(23)).contains("Enter jump to it");
        press(e, KeyPress.of(Key.ENTER));
        assertThat(e.layer()).isEqualTo(1);
        assertThat(e.pane()).isEqualTo(Pane.TREE);
        assertThat(e.selectedPath()).isEqualTo("/var/cache/apt/archives/curl_8.5.0_amd64.deb");
        assertThat(tree(e)).anySatisfy(r -> assertThat(r).startsWith(">A").contains("curl_8.5.0_amd64.deb"));
    }

    @Test
    void choosingAFindingJumpsToItsLayerAndFiles() {
        Explorer e = new Explorer(model);
        assertThat(e.findings()).isNotEmpty();
        press(e, KeyPress.of(Key.TAB), KeyPress.of(Key.TAB));
        assertThat(e.pane()).isEqualTo(Pane.FINDINGS);
        var first = e.findings().get(0);
        var evidence = first.evidence().get(0);
        String path = evidence.paths().get(0).path().replaceAll("/$", "");
        assertThat(all(e)).contains(">" + String.format("%8s", dev.whittle.image.ByteSize.format(first.bytes()))
                + " " + first.id() + " L" + evidence.layer().index());
        press(e, KeyPress.of(Key.ENTER));
        assertThat(e.layer()).isEqualTo(evidence.layer().index());
        assertThat(e.pane()).isEqualTo(Pane.TREE);
        assertThat(e.selectedPath()).isEqualTo(path);
        assertThat(screen(e).get(0)).contains("layer " + evidence.layer().index() + " of 4");
        assertThat(all(e)).contains("findings: " + first.id());
    }

    @Test
    void findingsThatArriveAfterTheOpenJoinThePaneAndStillJump() {
        // Opened while explain still runs: the pane says so, and every other pane works meanwhile.
        ExploreModel measuredOnly = new ExploreModel(model.measurement(), model.trees(), null);
        Explorer e = new Explorer(measuredOnly, true);
        press(e, KeyPress.of(Key.TAB), KeyPress.of(Key.TAB));
        assertThat(e.pane()).isEqualTo(Pane.FINDINGS);
        assertThat(all(e)).contains("explaining... (findings come when ready)")
                .doesNotContain("not computed");
        assertThat(e.findings()).isEmpty();
        press(e, KeyPress.of(Key.ENTER)); // nothing to choose yet: no jump, no failure
        assertThat(e.layer()).isZero();
        e.explained(model.explanation());
        assertThat(all(e)).doesNotContain("explaining...").contains("explain: " + model.explanation().findings()
                .size() + " findings");
        var first = e.findings().get(0);
        var evidence = first.evidence().get(0);
        assertThat(all(e)).contains(">" + String.format("%8s", dev.whittle.image.ByteSize.format(first.bytes()))
                + " " + first.id() + " L" + evidence.layer().index());
        press(e, KeyPress.of(Key.ENTER));
        assertThat(e.layer()).isEqualTo(evidence.layer().index());
        assertThat(e.selectedPath()).isEqualTo(evidence.paths().get(0).path().replaceAll("/$", ""));
    }

    @Test
    void aFailedBackgroundExplainIsSaidInThePane() {
        Explorer e = new Explorer(new ExploreModel(model.measurement(), model.trees(), null), true);
        e.explainFailed("captured content of /app/\u001b]0;pwned\u0007x unreadable");
        assertThat(all(e)).contains("explain failed: captured content of /app/").doesNotContain("explaining...")
                .doesNotContain("\u001b").doesNotContain("\u0007"); // a path from the image is escaped, not run
        assertThat(new Explorer(new ExploreModel(model.measurement(), model.trees(), null))).satisfies(
                plain -> assertThat(all(plain)).contains("not computed (--no-explain)"));
    }

    @Test
    void helpListsEveryKeyAndQuits() {
        Explorer e = new Explorer(model);
        press(e, KeyPress.ch('?'));
        assertThat(all(e)).contains("Ctrl+Space").contains("Ctrl+M Ctrl+U").contains("q or Ctrl+C");
        press(e, KeyPress.ch('x'));
        assertThat(all(e)).doesNotContain("Ctrl+Space");
        press(e, KeyPress.ch('q'));
        assertThat(e.quit()).isTrue();
    }

    @Test
    void aSmallTerminalGetsANoticeAndALargeOneMoreRows() {
        Explorer e = new Explorer(model);
        assertThat(ScreenLayout.text(ScreenLayout.render(e, true, 40, 10)).get(0))
                .contains("needs at least 60x16");
        List<String> big = ScreenLayout.text(ScreenLayout.render(e, true, 160, 50));
        assertThat(big).hasSize(50).allSatisfy(r -> assertThat(r.length()).isLessThanOrEqualTo(160));
        assertThat(String.join("\n", big)).contains("curl_8.5.0_amd64.deb");
    }

    @Test
    void controlCharactersInNamesAreShownEscaped() {
        // the explorer draws names through the one escaper every human output uses (report.HumanText)
        assertThat(HumanText.line("a\u001b[31mred\nx\u0085")).isEqualTo("a\\x1b[31mred\\nx\\x85");
        assertThat(HumanText.line("plain/ü")).isEqualTo("plain/ü");
    }
}
