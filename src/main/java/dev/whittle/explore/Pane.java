package dev.whittle.explore;

/** The panes, in the order Tab visits them. */
public enum Pane {
    LAYERS("Layers"), TREE("Files"), FINDINGS("Findings"), IMAGE("Image");

    private final String title;

    Pane(String title) {
        this.title = title;
    }

    /** The pane's title. */
    public String title() {
        return title;
    }

    Pane next() {
        return values()[(ordinal() + 1) % values().length];
    }

    Pane previous() {
        return values()[(ordinal() + values().length - 1) % values().length];
    }
}
