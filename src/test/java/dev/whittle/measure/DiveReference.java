package dev.whittle.measure;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A deliberately naive, object-per-node port of dive's filetree efficiency code (FileTree, FileNode, AddPath,
 * Stack, StackTreeRange, Efficiency), the reference the compact {@link DiveEfficiency} is checked against.
 */
final class DiveReference {
    /** One tar entry as dive reads it: name as written, header size, whether the header says directory. */
    record Entry(String name, long size, boolean dir) {
    }

    record Result(double efficiency, long wasted, Map<String, long[]> inefficient) {
    }

    private static final String WHITEOUT = ".wh.";
    private static final String DOUBLE_WHITEOUT = ".wh..wh..";

    private static final class Info {
        static final Info EMPTY = new Info(0, false);
        final long size;
        final boolean dir;

        Info(long size, boolean dir) {
            this.size = size;
            this.dir = dir;
        }
    }

    private static final class Node {
        final String name;
        Node parent;
        Info data;
        final TreeMap<String, Node> children = new TreeMap<>();

        Node(Node parent, String name, Info data) {
            this.parent = parent;
            this.name = name;
            this.data = data;
        }

        String path() {
            List<String> parts = new ArrayList<>();
            for (Node n = this; n.parent != null; n = n.parent) {
                parts.add(0, n == this && n.name.startsWith(WHITEOUT) ? n.name.substring(WHITEOUT.length()) : n.name);
            }
            return ("/" + String.join("/", parts)).replace("//", "/");
        }

        Node copy(Node newParent) {
            Node c = new Node(newParent, name, data);
            for (Node child : children.values()) {
                c.children.put(child.name, child.copy(c));
            }
            return c;
        }

        interface Visitor {
            boolean visit(Node n); // false = error, stop
        }

        boolean visitChildFirst(Visitor v, boolean leavesOnly, Node root) {
            for (Node c : new ArrayList<>(children.values())) {
                if (!c.visitChildFirst(v, leavesOnly, root)) {
                    return false;
                }
            }
            if (this == root) {
                return true;
            }
            if (!leavesOnly || children.isEmpty()) {
                return v.visit(this);
            }
            return true;
        }
    }

    private static final class Tree {
        Node root = new Node(null, "", Info.EMPTY);

        void addPath(String path, Info data) {
            String[] names = path.split("/");
            Node node = root;
            for (int i = 0; i < names.length; i++) {
                String name = names[i];
                if (name.isEmpty() || name.equals(".")) {
                    continue;
                }
                Node child = node.children.get(name);
                if (child != null) {
                    node = child;
                } else {
                    if (name.startsWith(DOUBLE_WHITEOUT)) {
                        return;
                    }
                    child = new Node(node, name, Info.EMPTY);
                    node.children.put(name, child);
                    node = child;
                }
                if (i == names.length - 1) {
                    node.data = data;
                }
            }
        }

        Node getNode(String path) {
            Node node = root;
            for (String name : path.split("/")) {
                if (name.isEmpty()) {
                    continue;
                }
                node = node.children.get(name);
                if (node == null) {
                    return null;
                }
            }
            return node;
        }

        void removePath(String path) {
            Node n = getNode(path);
            if (n != null && n != root) {
                n.parent.children.remove(n.name);
            }
        }

        Tree copy() {
            Tree t = new Tree();
            t.root = root.copy(null);
            return t;
        }

        void stack(Tree upper) {
            upper.root.visitChildFirst(n -> {
                if (n.name.startsWith(WHITEOUT)) {
                    removePath(n.path());
                } else {
                    addPath(n.path(), n.data);
                }
                return true;
            }, false, upper.root);
        }
    }

    private static final class Data {
        long cumulative;
        long min = -1;
        int nodes;
    }

    static Result compute(List<List<Entry>> layers) {
        List<Tree> trees = new ArrayList<>();
        for (List<Entry> layer : layers) {
            Tree t = new Tree();
            for (Entry e : layer) {
                String clean = e.name().replaceAll("/+$", "");
                if (clean.isEmpty() || clean.equals(".") || clean.equals("./")) {
                    continue;
                }
                t.addPath(clean, new Info(e.size(), e.dir()));
            }
            trees.add(t);
        }
        Map<String, Data> map = new HashMap<>();
        for (int idx = 0; idx < trees.size(); idx++) {
            int current = idx;
            trees.get(idx).root.visitChildFirst(node -> {
                String path = node.path();
                Data d = map.computeIfAbsent(path, p -> new Data());
                long size = 0;
                if (node.name.startsWith(WHITEOUT)) {
                    Tree stacked = trees.get(0).copy();
                    for (int i = 0; i <= current - 1; i++) {
                        stacked.stack(trees.get(i));
                    }
                    Node previous = stacked.getNode(path);
                    if (previous == null) {
                        return false;
                    }
                    if (previous.data.dir) {
                        long[] sum = {0};
                        previous.visitChildFirst(n -> {
                            sum[0] += n.data.size;
                            return true;
                        }, false, null);
                        size = sum[0];
                    }
                } else {
                    size = node.data.size;
                }
                d.cumulative += size;
                if (d.min < 0 || size < d.min) {
                    d.min = size;
                }
                d.nodes++;
                return true;
            }, true, trees.get(idx).root);
        }
        long min = 0;
        long cum = 0;
        long wasted = 0;
        Map<String, long[]> inefficient = new HashMap<>();
        for (Map.Entry<String, Data> e : map.entrySet()) {
            min += e.getValue().min;
            cum += e.getValue().cumulative;
            if (e.getValue().nodes >= 2) {
                wasted += e.getValue().cumulative;
                inefficient.put(e.getKey(), new long[] {e.getValue().nodes, e.getValue().cumulative});
            }
        }
        return new Result(cum == 0 ? 1.0 : (double) min / (double) cum, wasted, inefficient);
    }
}
