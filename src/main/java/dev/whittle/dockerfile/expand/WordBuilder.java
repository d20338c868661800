package dev.whittle.dockerfile.expand;

import java.util.ArrayList;
import java.util.List;

/** Accumulates split words the way BuildKit's {@code wordsStruct} does: expansions split, quotes do not. */
final class WordBuilder {

    private final List<String> words = new ArrayList<>();
    private final StringBuilder word = new StringBuilder();
    private boolean inWord;

    void addChar(int ch) {
        if (GoChars.isSpace(ch)) {
            if (inWord && word.length() > 0) {
                words.add(word.toString());
                word.setLength(0);
                inWord = false;
            }
        } else {
            addRawChar(ch);
        }
    }

    void addRawChar(int ch) {
        word.appendCodePoint(ch);
        inWord = true;
    }

    void addString(String s) {
        for (int ch : GoChars.codePoints(s)) {
            addChar(ch);
        }
    }

    void addRawString(String s) {
        word.append(s);
        inWord = true;
    }

    List<String> finish() {
        if (word.length() > 0) {
            words.add(word.toString());
            word.setLength(0);
            inWord = false;
        }
        return words;
    }
}
