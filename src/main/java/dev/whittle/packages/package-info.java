/**
 * What is installed in an image: packages read statically from the image's own databases (dpkg, apk, rpm, npm,
 * Python, Java jars, Ruby gems), each with its purl, license, the layer that added it and the bytes its files cost in the final
 * filesystem, plus the dependency closure of OS packages.
 *
 * <p>Flow: {@link dev.whittle.packages.PackageScanner#scan} loads the layers with a
 * {@link dev.whittle.packages.DatabaseCapture}, which parses every database file as the indexer streams past it (in
 * every layer, so a package's history can be told), then {@link dev.whittle.packages.Inventories} picks the final
 * databases, measures each package's files against the {@link dev.whittle.fs.UnionView} with
 * {@link dev.whittle.packages.FileOwnership} and computes closures with {@link dev.whittle.packages.DependencyGraph}.
 * Parsers are one class per format ({@link dev.whittle.packages.DebControl}, {@link dev.whittle.packages.ApkDatabase},
 * {@link dev.whittle.packages.RpmDatabase}, {@link dev.whittle.packages.NpmManifests},
 * {@link dev.whittle.packages.PythonMetadata}); they treat hostile input as data: a corrupt record is skipped with a
 * note, lines and values are bounded, nothing is held whole that can be streamed.
 */
package dev.whittle.packages;
