package dev.whittle.write;

import dev.whittle.image.Descriptor;
import dev.whittle.image.Digest;
import dev.whittle.image.ImageReference;
import dev.whittle.image.MediaTypes;
import dev.whittle.source.registry.RegistryClient;
import dev.whittle.source.registry.RegistryPush;
import dev.whittle.source.registry.RequestBody;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongConsumer;

/**
 * Pushes an image to a registry ({@code docker://}): each layer blob is skipped when the target repository has it,
 * mounted when another repository of the same registry does, else uploaded streaming from where it lives; then the
 * config, then the OCI manifest under the tag (or by digest when the reference names none). The manifest bytes are
 * built exactly as {@link ImageWriter} builds them, so the same image has the same digest on disk and in a registry.
 */
public final class RegistryWriter {

    private RegistryWriter() {
    }

    /**
     * One layer blob to push.
     *
     * @param blob      its descriptor (media type, digest, size) as the manifest lists it
     * @param body      its bytes, opened only if it must be uploaded
     * @param mountFrom a repository of the same registry that holds it (the input's), or null
     */
    public record Blob(Descriptor blob, RequestBody body, String mountFrom) {
    }

    /**
     * Pushes the image.
     *
     * @param progress gets the bytes uploaded
     * @throws dev.whittle.source.registry.RegistryException when the registry refuses (exit 3)
     */
    public static WrittenImage push(ImageReference.Registry dest, RegistryClient client, byte[] config,
                                    List<Blob> layers, LongConsumer progress) {
        RegistryPush push = client.push();
        String repo = dest.repository();
        List<String> outcomes = new ArrayList<>();
        List<Descriptor> blobs = new ArrayList<>();
        for (Blob b : layers) {
            RegistryPush.Outcome o = push.ensureBlob(repo, b.blob().digest(), b.body(), b.mountFrom(), progress);
            outcomes.add(o.name().toLowerCase(Locale.ROOT));
            blobs.add(b.blob());
        }
        Descriptor configBlob = new Descriptor(MediaTypes.OCI_CONFIG, Digest.sha256(config), config.length);
        push.ensureBlob(repo, configBlob.digest(), RequestBody.of(config), null, progress);
        byte[] manifest = ImageWriter.manifest(configBlob, blobs);
        Digest digest = Digest.sha256(manifest);
        push.putManifest(repo, dest.tag() != null ? dest.tag() : digest.toString(), MediaTypes.OCI_MANIFEST,
                manifest);
        String name = dest.registry() + "/" + repo + (dest.tag() != null ? ":" + dest.tag() : "@" + digest);
        return new WrittenImage("docker://" + name, "docker", digest, configBlob.digest(), blobs, outcomes);
    }
}
