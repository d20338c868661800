package dev.whittle.slim;

import dev.whittle.fs.LayerIndex;
import dev.whittle.fs.LayerStats;
import dev.whittle.fs.PathTable;
import dev.whittle.fs.UnionView;
import dev.whittle.image.Digest;
import dev.whittle.image.ImageReference;
import dev.whittle.image.UsageException;
import dev.whittle.measure.History;
import dev.whittle.source.Image;
import dev.whittle.image.Descriptor;
import dev.whittle.image.MediaTypes;
import dev.whittle.source.Compression;
import dev.whittle.source.Layer;
import dev.whittle.source.registry.RegistryClient;
import dev.whittle.source.registry.RequestBody;
import dev.whittle.write.RegistryWriter;
import java.io.InputStream;
import dev.whittle.source.ProgressBar;
import dev.whittle.write.BlobStaging;
import dev.whittle.write.CountingStreams;
import dev.whittle.write.DockerArchiveStream;
import dev.whittle.write.ImageWriter;
import dev.whittle.write.OutputCompression;
import dev.whittle.write.OutputException;
import dev.whittle.write.StagedLayer;
import dev.whittle.write.WrittenImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Plans and writes a slimmed image: base layers kept as the same blobs, the layers above squashed into one that
 * holds only the visible state, the config rewritten by {@link ConfigRewriter}.
 */
public final class Slimmer {

    private Slimmer() {
    }

    /**
     * Decides how many base layers stay.
     *
     * @param keep       {@code --keep N}, or null
     * @param squashAll  {@code --squash-all}
     * @throws UsageException when the choice is impossible or the base cannot be told from the history
     */
    public static BaseChoice chooseBase(Image image, Integer keep, boolean squashAll) {
        int n = image.layers().size();
        BaseChoice choice;
        if (squashAll) {
            choice = new BaseChoice(0, "--squash-all");
        } else if (keep != null) {
            if (keep < 0 || keep >= n) {
                throw new UsageException("--keep must be 0-" + (n - 1) + " for an image of " + n + " layers, got "
                        + keep);
            }
            choice = new BaseChoice(keep, "--keep");
        } else {
            int base = History.baseLayerCount(image.config().history(), n);
            if (base < 0) {
                throw new UsageException("cannot tell where the base image ends from the history; say --keep N"
                        + " (base layers to keep) or --squash-all");
            }
            choice = new BaseChoice(base, "history");
        }
        if (choice.kept() >= n) {
            throw new UsageException("nothing to squash: all " + n + " layers belong to the base image");
        }
        return choice;
    }

    /** The squashed layer's contents for this choice. */
    public static SquashSelection select(UnionView union, BaseChoice base) {
        return SquashSelection.of(union, base.kept());
    }

    /** The squashed layer's contents for this choice, without the files {@code drops} removes. */
    public static SquashSelection select(UnionView union, BaseChoice base, DropSelection drops) {
        return SquashSelection.of(union, base.kept(), drops);
    }

    /** The plan in bytes. */
    public static SlimPlan plan(Image image, UnionView union, BaseChoice base, SquashSelection selection) {
        return plan(image, union, base, selection, DropSelection.NONE);
    }

    /** The plan in bytes, with what {@code --drop} removes. */
    public static SlimPlan plan(Image image, UnionView union, BaseChoice base, SquashSelection selection,
                                DropSelection drops) {
        int n = image.layers().size();
        int k = base.kept();
        long squashed = 0;
        long hidden = 0;
        long rangeTar = 0;
        long rangeBlob = 0;
        long pull = 0;
        List<SlimPlan.KeptLayer> kept = new ArrayList<>();
        for (int l = 0; l < n; l++) {
            LayerStats s = union.layerStats().get(l);
            Layer layer = image.layers().get(l);
            pull += layer.blob().size();
            if (l < k) {
                kept.add(new SlimPlan.KeptLayer(l, layer.blob().digest().toString(), layer.blob().size(),
                        s.contentBytes()));
            } else {
                squashed += s.contentBytes();
                hidden += s.hiddenBytes();
                rangeTar += s.tarBytes();
                rangeBlob += layer.blob().size();
            }
        }
        long keptBlobs = pull - rangeBlob;
        long newContent = selection.contentBytes();
        double ratio = rangeTar == 0 ? 1.0 : (double) rangeBlob / rangeTar;
        long expectedPull = keptBlobs + Math.round(newContent * ratio);
        return new SlimPlan(image.reference(), sourceDigest(image).toString(), n, k, n - k, base.reason(),
                union.contentBytes(), squashed, hidden, selection.materialisedBytes(), newContent,
                squashed - newContent, union.contentBytes() - squashed + newContent, selection.whiteouts(),
                selection.entries().size(), pull, expectedPull, kept, drops.bytes(), drops.categories(),
                drops.refused());
    }

    /** The digest that names the source: its manifest's, else its config's. */
    public static Digest sourceDigest(Image image) {
        return image.manifestDigest() != null ? image.manifestDigest() : image.configDigest();
    }

    /**
     * Writes the slimmed image to {@code dest}. Refuses to write over the input; on any failure nothing is left at
     * the destination or beside it.
     *
     * @param input       where the input lives on disk (to refuse overwriting it), or null for a remote input
     * @param compression how to compress the new layer (docker-archive stores tars whatever this says)
     * @throws UsageException  when {@code dest} is the input or cannot be written to
     * @throws OutputException when writing fails
     */
    public static WrittenImage write(Image image, UnionView union, SquashSelection selection, SlimPlan plan,
                                     ImageReference dest, Path input, OutputCompression compression) {
        return write(image, union, selection, plan, dest, input, compression, ProgressBar.silent());
    }

    /**
     * The bytes {@link #write} moves, for a progress bar's total: base layers copied, the squashed layers' tars read,
     * the new tar written and, for an oci-archive, the archive itself (the new layer's part estimated; a docker-archive
     * is written as its layers are).
     */
    public static long writeWork(UnionView union, SquashSelection selection, SlimPlan plan, ImageReference dest) {
        long[] w = work(union, selection, plan, dest);
        return w[0] + w[1] + w[2];
    }

    /** The bytes of each part of the write: base, squash (read and written), archive. */
    private static long[] work(UnionView union, SquashSelection selection, SlimPlan plan, ImageReference dest) {
        boolean tars = ImageWriter.storesTars(dest);
        long base = 0;
        for (int l = 0; l < selection.kept(); l++) {
            base += tars ? union.layerStats().get(l).tarBytes() : plan.kept().get(l).size();
        }
        long read = 0;
        for (int l : SquashedLayerWriter.layersRead(selection)) {
            read += union.layerStats().get(l).tarBytes();
        }
        long newTar = plan.newLayerContentBytes() + 1024L * plan.entries();
        // an oci: layout is renamed into place, a docker-archive's layers are written straight into it
        long archive = dest instanceof ImageReference.OciLayout || tars ? 0
                : base + (tars ? newTar : Math.max(0, plan.expectedPullBytes() - base));
        return new long[] {base, read + newTar, archive};
    }

    /**
     * As {@link #write(Image, UnionView, SquashSelection, SlimPlan, ImageReference, Path, OutputCompression)},
     * advancing {@code progress} (parts {@code base}, {@code squash}, {@code archive}) as bytes move; its total
     * should be {@link #writeWork}.
     */
    public static WrittenImage write(Image image, UnionView union, SquashSelection selection, SlimPlan plan,
                                     ImageReference dest, Path input, OutputCompression compression,
                                     ProgressBar progress) {
        return writeIndexed(image, union, selection, plan, dest, input, compression, progress).image();
    }

    /**
     * What {@link #writeIndexed} and {@link #pushIndexed} give: the image written and the index of its squashed
     * layer, made from the very bytes as they were written ({@link SquashedTar#writeIndexed}), so the output can be
     * measured without reading it back: see {@link #outputUnion}.
     *
     * @param image    the image written
     * @param squashed the squashed layer's index, as reading the output would build it; null when it cannot share
     *                 the input's path table (then read the output back to measure it)
     */
    public record Written(WrittenImage image, LayerIndex squashed) {
    }

    /**
     * As {@link #write(Image, UnionView, SquashSelection, SlimPlan, ImageReference, Path, OutputCompression,
     * ProgressBar)}, also indexing the squashed layer as it was written.
     */
    public static Written writeIndexed(Image image, UnionView union, SquashSelection selection, SlimPlan plan,
                                       ImageReference dest, Path input, OutputCompression compression,
                                       ProgressBar progress) {
        Path target = ImageWriter.location(dest).toAbsolutePath().normalize();
        refuseInput(target, input);
        ImageWriter.checkDestination(dest);
        if (dest instanceof ImageReference.DockerArchive archive) {
            return writeDockerArchive(image, union, selection, plan, archive, target, progress);
        }
        boolean tars = ImageWriter.storesTars(dest);
        OutputCompression c = tars ? OutputCompression.NONE : compression;
        Path parent = target.getParent();
        try (BlobStaging staging = BlobStaging.in(parent)) {
            LayerIndex index;
            List<StagedLayer> layers = new ArrayList<>();
            List<Digest> diffIds = new ArrayList<>();
            long[] work = work(union, selection, plan, dest);
            try (ProgressBar.Part part = progress.part("base", work[0])) {
                for (int l = 0; l < selection.kept(); l++) {
                    Layer layer = image.layers().get(l);
                    StagedLayer s = tars ? staging.copyLayerUncompressed(layer, part::advance)
                            : staging.copyLayer(layer, part::advance);
                    layers.add(s);
                    diffIds.add(s.diffId());
                }
            }
            StagedLayer squashed;
            try (ProgressBar.Part part = progress.part("squash", work[1]);
                 SquashedTar writer = squashedTar(selection, union, image.layers(), staging.root(),
                         part::advance)) {
                IndexedWrite indexed = new IndexedWrite(writer, selection, union);
                squashed = staging.writeLayer(indexed, c, part::advance);
                index = indexed.index(squashed.tarBytes());
            }
            layers.add(squashed);
            diffIds.add(squashed.diffId());
            byte[] config = ConfigRewriter.rewrite(image.rawConfig(), sourceDigest(image), selection.kept(),
                    diffIds, plan.removedBytes() - plan.droppedBytes(), plan.squashedLayers(), plan.droppedBytes(),
                    plan.dropped().stream().map(DropSelection.Category::name).toList());
            try (ProgressBar.Part part = progress.part("archive", work[2])) {
                return new Written(ImageWriter.write(dest, staging, config, layers, part::advance), index);
            }
        } catch (IOException e) {
            throw new OutputException("cannot write " + dest.display() + ": " + e.getMessage(), e);
        }
    }

    /**
     * A docker-archive holds every layer as its tar: each is streamed straight into the archive (the squashed one
     * made as it goes, see {@link #squashedTar}), written once, and hashed as it is written.
     */
    private static Written writeDockerArchive(Image image, UnionView union, SquashSelection selection, SlimPlan plan,
                                              ImageReference.DockerArchive dest, Path target, ProgressBar progress) {
        long[] work = work(union, selection, plan, dest);
        try (ProgressBar.Part base = progress.part("base", work[0]);
             ProgressBar.Part squash = progress.part("squash", work[1]);
             SquashedTar writer = squashedTar(selection, union, image.layers(), target.getParent(),
                     squash::advance)) {
            List<DockerArchiveStream.Layer> layers = new ArrayList<>();
            for (int l = 0; l < selection.kept(); l++) {
                Layer layer = image.layers().get(l);
                layers.add(new DockerArchiveStream.Layer(out -> {
                    try (InputStream in = layer.openTar()) {
                        in.transferTo(CountingStreams.counting(out, base::advance));
                    }
                }, layer.diffId()));
            }
            IndexedWrite indexed = new IndexedWrite(writer, selection, union);
            layers.add(new DockerArchiveStream.Layer(out -> indexed.writeTo(CountingStreams.counting(out,
                    squash::advance)), null));
            DockerArchiveStream.Result result = DockerArchiveStream.write(dest, layers,
                    diffIds -> ConfigRewriter.rewrite(image.rawConfig(), sourceDigest(image), selection.kept(),
                            diffIds, plan.removedBytes() - plan.droppedBytes(), plan.squashedLayers(),
                            plan.droppedBytes(), plan.dropped().stream().map(DropSelection.Category::name).toList()),
                    CountingStreams.NONE);
            // indexed from the bytes as they were written, not read again
            LayerIndex index = indexed.index(result.tarBytes().get(result.tarBytes().size() - 1));
            return new Written(result.image(), index);
        } catch (IOException e) {
            throw new OutputException("cannot write " + dest.display() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Pushes the slimmed image to a registry: base layers are never downloaded again or sent twice (skipped when the
     * target repository has them, mounted from {@code mountFrom} when the registry allows it, else streamed from the
     * input as stored); only the squashed layer is written, into a private temp directory deleted afterwards.
     *
     * @param client    a client for the destination's registry
     * @param mountFrom the input's repository when it lives in the same registry, else null
     * @throws OutputException when the temp directory cannot be written
     */
    public static WrittenImage push(Image image, UnionView union, SquashSelection selection, SlimPlan plan,
                                    ImageReference.Registry dest, RegistryClient client, String mountFrom,
                                    OutputCompression compression, ProgressBar progress) {
        return pushIndexed(image, union, selection, plan, dest, client, mountFrom, compression, progress).image();
    }

    /** As {@link #push}, also indexing the squashed layer as it was written. */
    public static Written pushIndexed(Image image, UnionView union, SquashSelection selection, SlimPlan plan,
                                      ImageReference.Registry dest, RegistryClient client, String mountFrom,
                                      OutputCompression compression, ProgressBar progress) {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        try (BlobStaging staging = BlobStaging.in(tmp)) {
            List<RegistryWriter.Blob> blobs = new ArrayList<>();
            List<Digest> diffIds = new ArrayList<>();
            for (int l = 0; l < selection.kept(); l++) {
                Layer layer = image.layers().get(l);
                Descriptor stored = new Descriptor(mediaTypeOf(layer), layer.blob().digest(), layer.blob().size());
                blobs.add(new RegistryWriter.Blob(stored, RequestBody.of(stored.size(), layer::openBlob), mountFrom));
                diffIds.add(layer.diffId());
            }
            long[] work = work(union, selection, plan, ImageReference.parse("oci:" + tmp));
            StagedLayer squashed;
            LayerIndex index;
            try (ProgressBar.Part part = progress.part("squash", work[1]);
                 SquashedTar writer = squashedTar(selection, union, image.layers(), staging.root(),
                         part::advance)) {
                IndexedWrite indexed = new IndexedWrite(writer, selection, union);
                squashed = staging.writeLayer(indexed, compression, part::advance);
                index = indexed.index(squashed.tarBytes());
            }
            Path file = staging.file(squashed.blob().digest());
            blobs.add(new RegistryWriter.Blob(squashed.blob(), RequestBody.of(squashed.blob().size(),
                    () -> Files.newInputStream(file)), null));
            diffIds.add(squashed.diffId());
            byte[] config = ConfigRewriter.rewrite(image.rawConfig(), sourceDigest(image), selection.kept(),
                    diffIds, plan.removedBytes() - plan.droppedBytes(), plan.squashedLayers(), plan.droppedBytes(),
                    plan.dropped().stream().map(DropSelection.Category::name).toList());
            try (ProgressBar.Part part = progress.part("push", squashed.blob().size())) {
                return new Written(RegistryWriter.push(dest, client, config, blobs, part::advance), index);
            }
        } catch (IOException e) {
            throw new OutputException("cannot stage the squashed layer for " + dest.display() + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * The squashed layer's tar: copied by offset from the input when every layer it reads is an uncompressed local
     * file region ({@link RegionSquashWriter}; where the union's indexes noted each entry's records, no layer is walked
     * again), else captured into a scratch file in {@code scratchDir} by one read of
     * each layer ({@link SquashedLayerWriter}). Both give the same bytes.
     */
    static SquashedTar squashedTar(SquashSelection selection, UnionView union, List<Layer> layers, Path scratchDir,
                                   java.util.function.LongConsumer progress) throws IOException {
        if (RegionSquashWriter.applies(selection, layers)) {
            return RegionSquashWriter.open(selection, union.paths(), layers, union.layers(), progress);
        }
        return SquashedLayerWriter.capture(selection, union.paths(), layers, scratchDir, progress);
    }

    /**
     * The squashed tar as content that indexes itself while it is written ({@link SquashedTar#writeIndexed}: the
     * indexer reads the very bytes written, so the index is the one reading the written layer back gives), for
     * measuring the output without reading it.
     */
    private static final class IndexedWrite implements dev.whittle.write.TarContent {
        private final SquashedTar tar;
        private final SquashSelection selection;
        private final UnionView union;
        private final int position;
        private final PathTable paths;
        private final int known;
        /** The index comes from the selection, not from parsing what is written ({@link SquashedIndex}). */
        private final boolean fromSelection;
        private LayerIndex index;

        IndexedWrite(SquashedTar tar, SquashSelection selection, UnionView union) {
            this.tar = tar;
            this.selection = selection;
            this.union = union;
            this.position = selection.kept();
            this.paths = union.paths();
            this.known = paths.size();
            this.fromSelection = SquashedIndex.applies(selection, union);
        }

        @Override
        public void writeTo(java.io.OutputStream out) throws IOException {
            // the diff id is not known before the bytes are written: messages name the layer by its position
            String label = "layer " + position + " (the squashed layer)";
            if (!fromSelection) {
                index = tar.writeIndexed(out, position, label, paths);
                return;
            }
            long[] written = new long[1];
            // counted through CountingStreams, which keeps a DirectOutputStream one (the copy by offset fills it in place)
            tar.writeTo(CountingStreams.counting(out, n -> written[0] += n));
            index = SquashedIndex.of(selection, union, position, label, written[0]);
        }

        /**
         * The index of the last write, or null when it named a path the input's table lacked (a whiteout's own
         * name, where the input deleted with an opaque directory): a view made before it could index past its
         * arrays, so the output is read back. Its length must be what was written.
         */
        LayerIndex index(long tarBytes) throws IOException {
            if (index == null || paths.size() != known) {
                return null;
            }
            if (index.tarBytes() != tarBytes) {
                throw new IOException("the squashed layer indexes as " + index.tarBytes() + " bytes, not the "
                        + tarBytes + " written");
            }
            return index;
        }
    }

    /**
     * The output's filesystem without reading the output: the input's indexes of the kept base layers (the output
     * has the same blobs) and the squashed layer's index from {@link Written#squashed}. Equal to what loading the
     * output would give; the input's path table already holds every path the squashed layer names.
     */
    public static UnionView outputUnion(UnionView input, int kept, LayerIndex squashed) {
        List<LayerIndex> layers = new ArrayList<>(input.layers().subList(0, kept));
        layers.add(squashed);
        return UnionView.of(input.paths(), layers);
    }

    /** The OCI media type of a layer blob as stored, from its first bytes. */
    private static String mediaTypeOf(Layer layer) throws IOException {
        byte[] head = new byte[Compression.MAGIC_LENGTH];
        int n;
        try (InputStream in = layer.openBlob()) {
            n = in.readNBytes(head, 0, head.length);
        }
        return switch (Compression.sniff(head, n)) {
            case GZIP -> MediaTypes.OCI_LAYER_GZIP;
            case ZSTD -> MediaTypes.OCI_LAYER_ZSTD;
            case NONE -> MediaTypes.OCI_LAYER;
        };
    }

    private static void refuseInput(Path target, Path input) {
        if (input == null) {
            return;
        }
        Path in = input.toAbsolutePath().normalize();
        boolean same = target.equals(in) || target.startsWith(in) || in.startsWith(target);
        if (!same && Files.exists(target) && Files.exists(in)) {
            try {
                same = Files.isSameFile(target, in);
            } catch (IOException ignored) {
                // cannot tell: the path comparison above stands
            }
        }
        if (same) {
            throw new UsageException("refusing to write over the input image " + input
                    + "; choose another destination");
        }
    }
}
