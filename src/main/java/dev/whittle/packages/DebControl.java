package dev.whittle.packages;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads dpkg's database: {@code var/lib/dpkg/status} (and distroless's one-package files in {@code status.d/}),
 * stanzas of {@code Field: value} lines with continuation lines, streamed: only the fields Whittle uses are kept,
 * descriptions and conffiles are skipped as they stream past. Packages dpkg does not consider installed
 * ({@code not-installed}, {@code config-files}) are left out, as {@code dpkg-query -W} shows them as uninstalled.
 * Also reads {@code info/*.list} and {@code *.md5sums} file lists.
 */
final class DebControl {
    /** Most packages kept from one database: past it the file is hostile, not a system. */
    static final int MAX_PACKAGES = 200_000;
    /** Most paths kept from one file list. */
    static final int MAX_PATHS = 2_000_000;
    /** Put before a listed path that lacks its leading slash. */
    private static final byte[] ROOT_PREFIX = {'/'};

    private static final Set<String> KEPT = Set.of("package", "version", "architecture", "status", "depends",
            "pre-depends", "provides", "installed-size", "essential");
    /** Most status records kept for reuse (bounds the memory a huge or hostile status file can take that way). */
    static final int MAX_REUSED = 50_000;
    /** Most bytes of status records kept for reuse. */
    static final long MAX_REUSED_BYTES = 32L << 20;
    private static final String[] KEPT_NAMES = KEPT.toArray(String[]::new);
    /** {@link #KEPT_NAMES}, each as ASCII bytes. */
    private static final byte[][] KEPT_NAME_BYTES = java.util.Arrays.stream(KEPT_NAMES)
            .map(k -> k.getBytes(StandardCharsets.US_ASCII)).toArray(byte[][]::new);
    /** The name a field this reader does not keep goes by. */
    private static final String OTHER = "(other)";
    private static final Set<String> NOT_INSTALLED = Set.of("not-installed", "config-files");

    private DebControl() {
    }

    /** The installed packages of a status file, with the problems met on the way noted. */
    static List<FoundPackage> status(InputStream in, String location, Notes notes) throws IOException {
        return status(in, location, notes, new Reused());
    }

    /**
     * Status records parsed before, by their bytes, shared by the copies of a status file: every layer that installs
     * a package ships a whole new status file, most of whose records an earlier copy had (a status of 1,500 packages
     * read in 20 layers has some 30,000 records, nearly all repeats), and a record read before is recognised by its
     * bytes without decoding a line. Bounded ({@link #MAX_REUSED} records, {@link #MAX_REUSED_BYTES} bytes of keys), so
     * a huge or hostile status file costs no more memory that way. Thread-safe: layers are read in parallel.
     */
    static final class Reused {
        private final Map<RawRecord, FoundPackage> map = new ConcurrentHashMap<>();
        private final AtomicLong bytes = new AtomicLong();

        FoundPackage get(RawRecord probe) {
            return map.get(probe);
        }

        void put(RawRecord probe, FoundPackage p) {
            if (map.size() >= MAX_REUSED || bytes.addAndGet(probe.length) > MAX_REUSED_BYTES) {
                return;
            }
            map.putIfAbsent(probe.copy(), p);
        }
    }

    /**
     * The bytes of a status record where it was read, every line of it, each ended by a newline. Equal records parse
     * to equal packages with no notes. A probe wraps the reader's buffer; {@link #copy} keeps it.
     *
     * <p>Its hash is taken from the record's first and last bytes and its length (a record's package name leads, and
     * two records that share all three are rare: the versions of one package that differ in a same-length version
     * alone), not from every byte: most records are recognised, and hashing every byte of every copy cost more than
     * comparing the few whose hashes meet. Comparable, so a map bin of many equal hashes (a hostile file's) is a tree.
     */
    static final class RawRecord implements Comparable<RawRecord> {
        /** How many bytes at the start of a record its hash reads (a package name of up to 39 bytes and more). */
        private static final int HASHED_HEAD = 48;
        /** How many bytes at the end of a record its hash reads. */
        private static final int HASHED_TAIL = 16;
        private final String location;
        private final byte[] bytes;
        private final int length;
        private final int hash;

        RawRecord(String location, byte[] bytes, int length) {
            this.location = location;
            this.bytes = bytes;
            this.length = length;
            int h = 31 * location.hashCode() + length;
            int head = Math.min(length, HASHED_HEAD);
            for (int i = 0; i < head; i++) {
                h = 31 * h + bytes[i];
            }
            for (int i = Math.max(head, length - HASHED_TAIL); i < length; i++) {
                h = 31 * h + bytes[i];
            }
            this.hash = h;
        }

        private RawRecord(RawRecord r) {
            this.location = r.location;
            this.bytes = Arrays.copyOf(r.bytes, r.length);
            this.length = r.length;
            this.hash = r.hash;
        }

        RawRecord copy() {
            return new RawRecord(this);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof RawRecord r && r.hash == hash && r.length == length && r.location.equals(location)
                    && Arrays.equals(r.bytes, 0, r.length, bytes, 0, length);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        /** An order consistent with {@link #equals}: by hash, length, bytes, then location. */
        @Override
        public int compareTo(RawRecord o) {
            int c = Integer.compare(hash, o.hash);
            if (c == 0) {
                c = Integer.compare(length, o.length);
            }
            if (c == 0) {
                c = Arrays.compare(bytes, 0, length, o.bytes, 0, o.length);
            }
            return c != 0 ? c : location.compareTo(o.location);
        }
    }

    /**
     * As {@link #status(InputStream, String, Notes)}, reusing the packages of records read before ({@link Reused}).
     * A record is first gathered undecoded, every line of it; one met before (with no note: a record that drew a note
     * is not reused, so each copy still gets its notes) is taken as it was, any other is parsed line by line. A record
     * past {@link BoundedLines#MAX_LINE} bytes is parsed as it streams, never reused.
     *
     * @param reused what earlier reads parsed, shared by them
     */
    static List<FoundPackage> status(InputStream in, String location, Notes notes, Reused reused) throws IOException {
        return status(in, location, notes, reused, BoundedLines.MAX_LINE);
    }

    /**
     * As {@link #status(InputStream, String, Notes, Reused)}, gathering records of at most {@code gathered} bytes
     * (0: every record is parsed as it streams, which is what a gathered record's parse must equal).
     */
    static List<FoundPackage> status(InputStream in, String location, Notes notes, Reused reused, int gathered)
            throws IOException {
        BoundedLines lines = new BoundedLines(in);
        StatusRecords records = new StatusRecords(lines, new StatusParser(location, notes), location, notes, reused,
                gathered);
        while (records.next()) {
            // a method per line: the quick compiler compiles it after a few hundred lines, where this loop, run once
            // per copy of the status file, would run in the interpreter for tens of thousands
        }
        StatusParser parser = records.parser;
        if (parser.skipped > 0) {
            notes.add("more than " + MAX_PACKAGES + " packages: " + parser.skipped + " more were not read");
        }
        if (lines.truncated() > 0) {
            notes.add(lines.truncated() + " lines longer than " + BoundedLines.MAX_LINE + " bytes were cut");
        }
        return parser.out;
    }

    /**
     * {@link #status}'s reading of the records, a line at a time. A line is gathered as it comes, undecoded and
     * unexamined; only a record not met before is parsed, and only then are its lines looked at: the continuation
     * lines of fields not kept (descriptions, conffiles) are left out, the rest decoded for the parser. A line of
     * white space alone ends a record, except within a field not kept, which it continues (the one case where a line
     * is looked at as it comes: which field it would continue).
     */
    private static final class StatusRecords {
        private final BoundedLines lines;
        private final StatusParser parser;
        private final String location;
        private final Notes notes;
        private final Reused reused;
        private final int gathered;
        private byte[] record = new byte[4096];
        private int recordLength;
        private int[] starts = new int[64];
        private long[] numbers = new long[64];
        private int count;
        /** The gathered line that names the current field (the last unindented one), or -1 while none does. */
        private int fieldLine = -1;
        private boolean streaming;
        /** While streaming: the field the last unindented line named, as the parser will see it. */
        private String current;

        StatusRecords(BoundedLines lines, StatusParser parser, String location, Notes notes, Reused reused,
                      int gathered) {
            this.lines = lines;
            this.parser = parser;
            this.location = location;
            this.notes = notes;
            this.reused = reused;
            this.gathered = gathered;
        }

        /** Reads the next line; false at the end of the file. */
        boolean next() throws IOException {
            int len = lines.nextRaw();
            byte[] b = lines.lineBytes();
            if (len < 0 || isBlank(b, len)) {
                if (len > 0 && (b[0] == ' ' || b[0] == '\t') && skipped(streaming ? current : lastField())) {
                    return true; // white space continuing a description: skipped as its other lines are
                }
                end();
                return len >= 0;
            }
            if (!streaming && recordLength + len + 1 > gathered) {
                parseGathered(); // too large to keep: parse what was gathered, then as it streams
                streaming = true;
            }
            if (streaming) {
                stream(b, len);
                return true;
            }
            if (count == starts.length) {
                starts = Arrays.copyOf(starts, count * 2);
                numbers = Arrays.copyOf(numbers, count * 2);
            }
            if (recordLength + len + 1 > record.length) {
                record = Arrays.copyOf(record, Math.max(record.length * 2, recordLength + len + 1));
            }
            if (b[0] != ' ' && b[0] != '\t') {
                fieldLine = count;
            }
            starts[count] = recordLength;
            numbers[count++] = lines.number();
            System.arraycopy(b, 0, record, recordLength, len);
            recordLength += len;
            record[recordLength++] = '\n';
            return true;
        }

        /** The end of a record: reused when met before, else parsed. */
        private void end() {
            if (streaming) {
                parser.end();
            } else if (count > 0) {
                RawRecord probe = new RawRecord(location, record, recordLength);
                FoundPackage known = reused.get(probe);
                if (known != null) {
                    parser.add(known);
                } else {
                    int noted = notes.count();
                    int before = parser.out.size();
                    parseGathered();
                    parser.end();
                    if (notes.count() == noted && parser.out.size() == before + 1) {
                        reused.put(probe, parser.out.get(before));
                    }
                }
            }
            streaming = false;
            count = 0;
            fieldLine = -1;
            recordLength = 0;
            current = null;
        }

        /** Hands the gathered lines to the parser, but the continuation lines of fields not kept. */
        private void parseGathered() {
            String field = null;
            for (int i = 0; i < count; i++) {
                int from = starts[i];
                int to = (i + 1 < count ? starts[i + 1] : recordLength) - 1;
                if (record[from] != ' ' && record[from] != '\t') {
                    field = field(record, from, to - from);
                } else if (skipped(field)) {
                    continue;
                }
                parser.line(decode(record, from, to), numbers[i], numbers[0]);
            }
            current = field;
        }

        /** Hands a line of a record too large to gather to the parser, unless it continues a field not kept. */
        private void stream(byte[] b, int len) {
            if (b[0] != ' ' && b[0] != '\t') {
                current = field(b, 0, len);
            } else if (skipped(current)) {
                return;
            }
            parser.line(new String(b, 0, len, StandardCharsets.UTF_8), lines.number(),
                    count > 0 ? numbers[0] : lines.number());
            if (count == 0) {
                numbers[0] = lines.number();
                count = 1;
            }
        }

        /**
         * The field the last unindented line gathered names (null when none does): kept as an index while gathering,
         * since a record of many white-space lines asks once per line.
         */
        private String lastField() {
            if (fieldLine < 0) {
                return null;
            }
            int from = starts[fieldLine];
            int to = (fieldLine + 1 < count ? starts[fieldLine + 1] : recordLength) - 1;
            return field(record, from, to - from);
        }
    }

    /** Whether a continuation line of {@code field} (null: no field yet) is left out: one of a field not kept. */
    private static boolean skipped(String field) {
        return field != null && !KEPT.contains(field);
    }

    private static String decode(byte[] bytes, int from, int to) {
        return new String(bytes, from, to - from, StandardCharsets.UTF_8);
    }

    /** A line of only white space (as {@link String#isBlank}), looked at undecoded unless it is not ASCII. */
    private static boolean isBlank(byte[] b, int len) {
        for (int i = 0; i < len; i++) {
            int c = b[i];
            if (c < 0) {
                return new String(b, 0, len, StandardCharsets.UTF_8).isBlank();
            }
            if (!asciiWhitespace(c)) {
                return false;
            }
        }
        return true;
    }

    /** {@link Character#isWhitespace} for an ASCII character. */
    private static boolean asciiWhitespace(int c) {
        return c == ' ' || (c >= 9 && c <= 13) || (c >= 28 && c <= 31);
    }

    /**
     * The field the unindented line {@code b[off, off + len)} names, as {@link #field(String, int)} on the decoded line,
     * or null when it has no colon past its first character (not a field line): compared undecoded while what
     * precedes the colon is ASCII.
     */
    private static String field(byte[] b, int off, int len) {
        int colon = -1;
        for (int i = off; i < off + len; i++) {
            if (b[i] == ':') {
                colon = i;
                break;
            }
            if (b[i] < 0) {
                String line = new String(b, off, len, StandardCharsets.UTF_8);
                int c = line.indexOf(':');
                return c <= 0 ? null : field(line, c);
            }
        }
        if (colon <= off) {
            return null;
        }
        int end = colon;
        while (end > off && asciiWhitespace(b[end - 1])) {
            end--;
        }
        int start = off;
        while (start < end && asciiWhitespace(b[start])) {
            start++;
        }
        for (int k = 0; k < KEPT_NAME_BYTES.length; k++) {
            if (asciiNamed(b, start, end, KEPT_NAME_BYTES[k])) {
                return KEPT_NAMES[k];
            }
        }
        return OTHER;
    }

    private static boolean asciiEqualsIgnoreCase(byte[] b, int from, byte[] lowerCase) {
        for (int i = 0; i < lowerCase.length; i++) {
            int c = b[from + i];
            if (c >= 'A' && c <= 'Z') {
                c += 'a' - 'A';
            }
            if (c != lowerCase[i]) {
                return false;
            }
        }
        return true;
    }

    /** The line-by-line parse of status records: the fields kept, the packages made, the notes met. */
    private static final class StatusParser {
        private final String location;
        private final Notes notes;
        private final List<FoundPackage> out = new ArrayList<>();
        private final Map<String, String> fields = new HashMap<>();
        private String current;
        private long stanzaLine = 1;
        private int skipped;

        StatusParser(String location, Notes notes) {
            this.location = location;
            this.notes = notes;
        }

        /** A line of the record that starts at line {@code first}; not blank. */
        void line(String line, long number, long first) {
            stanzaLine = first;
            if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                if (current == null) {
                    notes.add("line " + number + ": a continuation line outside any field, skipped");
                } else if (KEPT.contains(current)) {
                    fields.merge(current, " " + line.strip(), (a, c) -> a.length() > BoundedLines.MAX_LINE ? a : a + c);
                }
                return;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                notes.add("line " + number + ": not a 'Field: value' line, skipped");
                current = null;
                return;
            }
            current = field(line, colon);
            if (KEPT.contains(current)) {
                fields.put(current, line.substring(colon + 1).strip());
            }
        }

        /** The end of a record (a blank line or the end of the file). */
        void end() {
            if (!fields.isEmpty()) {
                if (out.size() >= MAX_PACKAGES) {
                    skipped++;
                } else {
                    parse(fields, location, stanzaLine, notes, out);
                }
                fields.clear();
            }
            current = null;
        }

        /** A record recognised as one parsed before. */
        void add(FoundPackage known) {
            if (out.size() >= MAX_PACKAGES) {
                skipped++;
            } else {
                out.add(known);
            }
        }
    }

    /**
     * The field a line names before its colon, lower-cased: a {@link #KEPT} name, else {@link #OTHER} (compared in
     * place: most lines of a status file are not kept, and none of them needs a string of its own).
     */
    private static String field(String line, int colon) {
        int end = colon;
        while (end > 0 && Character.isWhitespace(line.charAt(end - 1))) {
            end--;
        }
        int start = 0;
        while (start < end && Character.isWhitespace(line.charAt(start))) {
            start++;
        }
        for (String k : KEPT_NAMES) {
            if (k.length() == end - start && line.regionMatches(true, start, k, 0, k.length())) {
                return k;
            }
        }
        return OTHER;
    }

    private static void parse(Map<String, String> f, String location, long line, Notes notes,
                              List<FoundPackage> out) {
        String name = f.get("package");
        String version = f.get("version");
        if (name == null || name.isEmpty() || version == null || version.isEmpty()) {
            notes.add("record at line " + line + " has no " + (name == null || name.isEmpty() ? "Package" : "Version")
                    + " field, skipped");
            return;
        }
        String status = f.get("status");
        if (status != null) {
            String state = thirdOfThreeWords(status.trim());
            if (state != null && NOT_INSTALLED.contains(state)) {
                return;
            }
        }
        List<List<String>> depends = new ArrayList<>(relations(f.get("pre-depends")));
        depends.addAll(relations(f.get("depends")));
        List<String> provides = new ArrayList<>();
        for (List<String> alternatives : relations(f.get("provides"))) {
            provides.addAll(alternatives);
        }
        long declared = -1;
        String size = f.get("installed-size");
        if (size != null) {
            try {
                declared = Long.parseLong(size.trim()) * 1024;
            } catch (NumberFormatException e) {
                notes.add("package " + name + ": Installed-Size '" + size + "' is not a number");
            }
        }
        String arch = f.get("architecture");
        out.add(new FoundPackage(Ecosystem.DEB, name, version, arch == null || arch.isEmpty() ? null : arch, null,
                depends, provides, List.of(), declared, "yes".equalsIgnoreCase(f.get("essential")), null, location));
    }

    /**
     * The third word of a trimmed text of exactly three words split at white space ({@code \\s+}), else null. A loop,
     * not {@code split("\\s+")}: it runs for each package of each status file, and that split compiles its regular
     * expression anew on every call (and brings the regex engine into a cold run's compile work).
     */
    static String thirdOfThreeWords(String s) {
        int words = 0;
        int thirdStart = -1;
        int thirdEnd = -1;
        boolean inWord = false;
        for (int k = 0; k < s.length(); k++) {
            boolean space = isRegexSpace(s.charAt(k));
            if (!space && !inWord) {
                words++;
                if (words == 3) {
                    thirdStart = k;
                } else if (words > 3) {
                    return null;
                }
            } else if (space && inWord && words == 3) {
                thirdEnd = k;
            }
            inWord = !space;
        }
        if (words != 3) {
            return null;
        }
        return s.substring(thirdStart, thirdEnd < thirdStart ? s.length() : thirdEnd);
    }

    /** What {@code \\s} matches: space, tab, newline, vertical tab, form feed, carriage return. */
    private static boolean isRegexSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    /**
     * The packages apt installed only as dependencies: {@code Auto-Installed: 1} in
     * {@code /var/lib/apt/extended_states} (stanzas of {@code Package}, {@code Architecture}, {@code Auto-Installed}).
     */
    static List<String> autoInstalled(InputStream in, Notes notes) throws IOException {
        BoundedLines lines = new BoundedLines(in);
        AutoInstalled states = new AutoInstalled();
        for (int len; (len = lines.nextRaw()) >= 0; ) {
            states.line(lines.lineBytes(), len);
        }
        states.end();
        return states.out;
    }

    private static final byte[] PACKAGE_KEY = "package".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] AUTO_KEY = "auto-installed".getBytes(StandardCharsets.US_ASCII);

    /**
     * {@link #autoInstalled}'s reading, a line at a time: a method per line, so the quick compiler compiles it
     * (apt rewrites the file in every layer that installs something, each some thousands of lines, and the loop over
     * them would run in the interpreter). An ASCII line is read as bytes, and only a package's name becomes a string;
     * any other line is decoded and read as {@link #line(String)} reads it, which is what the bytes' reading equals.
     */
    private static final class AutoInstalled {
        final List<String> out = new ArrayList<>();
        String name;
        boolean auto;

        /** The next line, {@code b[0, len)}, undecoded. */
        void line(byte[] b, int len) {
            for (int i = 0; i < len; i++) {
                if (b[i] < 0) {
                    line(new String(b, 0, len, StandardCharsets.UTF_8));
                    return;
                }
            }
            if (isBlank(b, len)) {
                end();
                return;
            }
            int colon = -1;
            for (int i = 0; i < len; i++) {
                if (b[i] == ':') {
                    colon = i;
                    break;
                }
            }
            if (colon <= 0) {
                return;
            }
            int keyFrom = skipSpace(b, 0, colon);
            int keyTo = trimSpace(b, keyFrom, colon);
            int valueFrom = skipSpace(b, colon + 1, len);
            int valueTo = trimSpace(b, valueFrom, len);
            if (asciiNamed(b, keyFrom, keyTo, PACKAGE_KEY)) {
                name = new String(b, valueFrom, valueTo - valueFrom, StandardCharsets.US_ASCII);
            } else if (asciiNamed(b, keyFrom, keyTo, AUTO_KEY)) {
                auto = valueTo - valueFrom == 1 && b[valueFrom] == '1';
            }
        }

        /** The next line, decoded (the definition the bytes' reading follows). */
        void line(String line) {
            if (line.isBlank()) {
                end();
                return;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                return;
            }
            String key = line.substring(0, colon).strip();
            String value = line.substring(colon + 1).strip();
            if (key.equalsIgnoreCase("Package")) {
                name = value;
            } else if (key.equalsIgnoreCase("Auto-Installed")) {
                auto = value.equals("1");
            }
        }

        /** The end of a stanza (a blank line or the end of the file). */
        void end() {
            if (name != null && auto && out.size() < MAX_PACKAGES) {
                out.add(name);
            }
            name = null;
            auto = false;
        }
    }

    /** The first index in {@code [from, to)} of {@code b} that is not ASCII white space, or {@code to}. */
    private static int skipSpace(byte[] b, int from, int to) {
        while (from < to && asciiWhitespace(b[from])) {
            from++;
        }
        return from;
    }

    /** {@code to} less the ASCII white space that ends {@code b[from, to)}. */
    private static int trimSpace(byte[] b, int from, int to) {
        while (to > from && asciiWhitespace(b[to - 1])) {
            to--;
        }
        return to;
    }

    /** Whether {@code b[from, to)} is {@code lowerCase} (ASCII) in any case. */
    private static boolean asciiNamed(byte[] b, int from, int to, byte[] lowerCase) {
        return to - from == lowerCase.length && asciiEqualsIgnoreCase(b, from, lowerCase);
    }

    /**
     * A relationship field ({@code a (>= 1) | b:any, c [amd64]}) as clauses of alternative package names, versions,
     * architecture qualifiers and restrictions stripped.
     */
    static List<List<String>> relations(String field) {
        List<List<String>> out = new ArrayList<>();
        if (field == null || field.isBlank()) {
            return out;
        }
        for (String clause : field.split(",")) {
            List<String> alternatives = new ArrayList<>();
            for (String alt : clause.split("\\|")) {
                String name = withoutGroups(alt).strip();
                int sp = name.indexOf(' ');
                if (sp > 0) {
                    name = name.substring(0, sp);
                }
                int colon = name.indexOf(':');
                if (colon > 0) {
                    name = name.substring(0, colon);
                }
                if (!name.isEmpty()) {
                    alternatives.add(name);
                }
            }
            if (!alternatives.isEmpty()) {
                out.add(alternatives);
            }
        }
        return out;
    }

    /**
     * A relation with its version, architecture and restriction groups ({@code (>= 1)}, {@code [amd64]},
     * {@code <!nocheck>}) cut out, each up to the first closing bracket; an opening bracket never closed stays.
     */
    static String withoutGroups(String s) {
        if (s.indexOf('(') < 0 && s.indexOf('[') < 0 && s.indexOf('<') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            char close = c == '(' ? ')' : c == '[' ? ']' : c == '<' ? '>' : 0;
            int end = close == 0 ? -1 : s.indexOf(close, i + 1);
            if (end < 0) {
                out.append(c);
            } else {
                i = end;
            }
        }
        return out.toString();
    }

    /**
     * The paths of a file list: {@code info/NAME.list} (absolute paths, one a line) or {@code NAME.md5sums}
     * ({@code HASH  relative/path}); returned absolute, {@code /.} dropped, each as the bytes the file holds (no
     * string per line: a system lists some 200,000 paths).
     */
    static ListedPaths fileList(InputStream in, boolean md5sums, Notes notes) throws IOException {
        return fileList(in, -1, md5sums, notes);
    }

    /** Largest file list read whole and its lines kept where they lie (larger ones are read as they stream). */
    static final int IN_PLACE_LIST = 1 << 20;

    /**
     * As {@link #fileList(InputStream, boolean, Notes)}, for a file of {@code size} bytes (-1: unknown). A list of
     * known size up to {@link #IN_PLACE_LIST} is read whole into one array and its paths kept there, moved down over
     * the line ends they no longer need ({@link #listedInPlace}): some thousands of list files are read in a large
     * image, each once, and a line buffer, a read buffer and a copy of every path for each cost more than the
     * reading. Any size reads the same lines: a file longer than its size said is read as it streams.
     */
    static ListedPaths fileList(InputStream in, long size, boolean md5sums, Notes notes) throws IOException {
        if (size < 0 || size > IN_PLACE_LIST) {
            return streamedList(in, size, md5sums, notes);
        }
        // into one array of the size said (readNBytes(int) would gather 8 KB pieces and copy them into a second)
        byte[] whole = new byte[(int) size];
        int n = in.readNBytes(whole, 0, whole.length);
        int more = in.read();
        if (more >= 0) {
            InputStream all = new java.io.SequenceInputStream(new java.io.ByteArrayInputStream(whole, 0, n),
                    new java.io.SequenceInputStream(new java.io.ByteArrayInputStream(new byte[] {(byte) more}), in));
            return streamedList(all, size, md5sums, notes);
        }
        return listedInPlace(whole, n, md5sums, notes);
    }

    /**
     * The paths of a file list held whole in {@code b[0, n)}, read as {@link #streamedList} reads them (lines cut at
     * {@link BoundedLines#MAX_LINE} bytes, a carriage return before the line end dropped): each kept path is moved
     * down to where the kept ones end, never past where it lay, so the array holds them in order. A path that needs
     * the leading slash added goes, with those after it, to a builder.
     */
    private static ListedPaths listedInPlace(byte[] b, int n, boolean md5sums, Notes notes) {
        int[] starts = new int[Math.max(4, n / 32 + 2)];
        int count = 0;
        ListedPaths.Builder builder = null;
        long number = 0;
        for (int at = 0, next; at < n; at = next) {
            int nl = at;
            while (nl < n && b[nl] != '\n') {
                nl++;
            }
            next = nl + 1;
            number++;
            int keep = Math.min(nl - at, BoundedLines.MAX_LINE);
            if (keep > 0 && b[at + keep - 1] == '\r') {
                keep--;
            }
            int from = at;
            if (md5sums) {
                int sp = twoSpaces(b, at, keep);
                if (sp < 0) {
                    notes.add("line " + number + ": not 'HASH  PATH', skipped");
                    continue;
                }
                from = sp + 2;
            }
            int len = at + keep - from;
            if (len == 0 || (len == 2 && b[from] == '/' && b[from + 1] == '.')) {
                continue;
            }
            if (count >= MAX_PATHS) {
                notes.add("more than " + MAX_PATHS + " paths: the rest were not read");
                break;
            }
            if (builder == null && b[from] != '/') {
                builder = new ListedPaths.Builder(n + 1);
                for (int i = 0; i < count; i++) {
                    builder.add(b, starts[i], starts[i + 1] - starts[i]);
                }
            }
            if (builder != null) {
                builder.add(b[from] == '/' ? null : ROOT_PREFIX, b, from, len);
            } else {
                if (count + 2 > starts.length) {
                    starts = Arrays.copyOf(starts, starts.length * 2);
                }
                System.arraycopy(b, from, b, starts[count], len);
                starts[count + 1] = starts[count] + len;
            }
            count++;
        }
        return builder != null ? builder.build() : ListedPaths.kept(b, starts, count);
    }

    /** As {@link #fileList(InputStream, long, boolean, Notes)}, a line at a time as the file streams. */
    private static ListedPaths streamedList(InputStream in, long size, boolean md5sums, Notes notes)
            throws IOException {
        BoundedLines lines = size < 0 ? new BoundedLines(in) : new BoundedLines(in, size);
        ListedPaths.Builder out = size < 0 ? new ListedPaths.Builder() : new ListedPaths.Builder(size + 1);
        for (int len; (len = lines.nextRaw()) >= 0; ) {
            byte[] line = lines.lineBytes();
            int from = 0;
            if (md5sums) {
                int sp = twoSpaces(line, len);
                if (sp < 0) {
                    notes.add("line " + lines.number() + ": not 'HASH  PATH', skipped");
                    continue;
                }
                from = sp + 2;
            }
            int n = len - from;
            if (n == 0 || (n == 2 && line[from] == '/' && line[from + 1] == '.')) {
                continue;
            }
            if (out.size() >= MAX_PATHS) {
                notes.add("more than " + MAX_PATHS + " paths: the rest were not read");
                break;
            }
            out.add(line[from] == '/' ? null : ROOT_PREFIX, line, from, n);
        }
        return out.build();
    }

    /** Where the first two spaces in a row start among the first {@code len} bytes, or -1. */
    private static int twoSpaces(byte[] line, int len) {
        return twoSpaces(line, 0, len);
    }

    /** Where the first two spaces in a row start among the {@code len} bytes of {@code b} from {@code off}, or -1. */
    private static int twoSpaces(byte[] b, int off, int len) {
        for (int i = off; i + 1 < off + len; i++) {
            if (b[i] == ' ' && b[i + 1] == ' ') {
                return i;
            }
        }
        return -1;
    }
}
