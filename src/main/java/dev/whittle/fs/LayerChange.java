package dev.whittle.fs;

/**
 * One change a layer makes, for {@code ls --layer N}.
 *
 * @param path       absolute path
 * @param type       the entry's type (WHITEOUT for a deletion)
 * @param size       content bytes added (for a deletion: the bytes of lower layers it hid)
 * @param change     added, modified or deleted
 * @param linkTarget a link's target, else null
 */
public record LayerChange(String path, EntryType type, long size, ChangeKind change, String linkTarget) {
}
