package dev.whittle.diagnose;

/**
 * A package a finding names as (part of) its cause, with what it costs in the image: the same numbers
 * {@code whittle packages} reports.
 *
 * @param ecosystem  its package manager, as a purl type ({@code deb}, {@code apk}, {@code rpm}, {@code npm},
 *                   {@code pypi}, ...)
 * @param name       its name
 * @param version    its version
 * @param purl       its package URL, or null
 * @param layer      the layer that installed it
 * @param bytes      the bytes of its files the finding claims (files other packages that stay also own are not
 *                   claimed)
 * @param why        why it is part of the cause ({@code build tool}, {@code dependency of gcc-12}, {@code dev}), or
 *                   null
 */
public record CitedPackage(String ecosystem, String name, String version, String purl, LayerRef layer, long bytes,
                           String why) {
}
