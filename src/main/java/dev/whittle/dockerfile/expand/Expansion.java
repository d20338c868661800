package dev.whittle.dockerfile.expand;

import java.util.List;
import java.util.Set;

/**
 * The outcome of processing one word.
 *
 * @param result    the word with quotes removed and variables replaced (BuildKit's {@code ProcessWord})
 * @param words     the same, split into words after expansion (BuildKit's {@code ProcessWords})
 * @param matched   variable names that were found in the environment
 * @param unmatched variable names that were referenced but not set
 */
public record Expansion(String result, List<String> words, Set<String> matched, Set<String> unmatched) {

    public Expansion {
        words = List.copyOf(words);
        matched = Set.copyOf(matched);
        unmatched = Set.copyOf(unmatched);
    }
}
