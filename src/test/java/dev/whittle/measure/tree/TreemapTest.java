package dev.whittle.measure.tree;

import static dev.whittle.testing.LayerTarBuilder.layer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.whittle.fs.FilesystemLoader;
import dev.whittle.fs.InMemoryImage;
import dev.whittle.fs.Stacks;
import dev.whittle.fs.UnionView;
import dev.whittle.testing.LayerTarBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class TreemapTest {

    static UnionView union(byte[]... tars) {
        return FilesystemLoader.load(InMemoryImage.of(tars));
    }

    @Test
    void tilesCarryTheFinalFilesystemWithEachFilesLayer() {
        TreemapNode root = Treemap.of(union(Stacks.overwriteChainAndDeletedDirectory()));
        assertThat(root.bytes()).isEqualTo(320);
        assertThat(root.children()).extracting(TreemapNode::name).containsExactly("bin", "etc"); // an empty /var has no area
        TreemapNode etc = root.children().get(1);
        assertThat(etc.children()).singleElement().extracting(TreemapNode::name, TreemapNode::bytes,
                TreemapNode::layer).containsExactly("conf", 120L, 2);
        assertThat(etc.directory()).isTrue();
        assertThat(etc.layer()).isEqualTo(-1);
    }

    @Test
    void smallFilesBecomeOneGroupTile() {
        LayerTarBuilder l = layer().file("big", 100_000);
        for (int i = 0; i < 40; i++) {
            l.file("many/f" + i, 1);
        }
        l.file("many/large", 20_000);
        TreemapNode many = Treemap.of(union(l.build())).children().get(1);
        assertThat(many.name()).isEqualTo("many");
        List<TreemapNode> kids = many.children();
        assertThat(kids.get(0).name()).isEqualTo("large");
        TreemapNode group = kids.get(kids.size() - 1);
        assertThat(group.group()).isTrue();
        assertThat(group.files() + kids.size() - 1).isEqualTo(41);
        assertThat(kids.stream().mapToLong(TreemapNode::bytes).sum()).isEqualTo(20_040);
    }

    @Test
    void changeListsMarkEachLayersChanges() {
        List<LayerFileList> lists = LayerFileLists.of(union(Stacks.overwriteChainAndDeletedDirectory()));
        assertThat(lists.get(1).entries()).extracting(c -> c.mark().letter() + " " + c.path() + " " + c.bytes())
                .containsExactly("A /app/x 50", "M /etc/conf 150", "R /var/cache/apt 1500");
        assertThat(lists.get(1).total()).isEqualTo(3);
    }
}
