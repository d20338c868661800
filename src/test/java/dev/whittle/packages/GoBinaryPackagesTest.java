package dev.whittle.packages;

import static dev.whittle.packages.Scan.pkg;
import static dev.whittle.testing.LayerTarBuilder.layer;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Go modules from the build information of a Go binary. {@code go} is not installed here, so the test writes the
 * binary byte for byte as Go's linker lays it out (Go 1.18+ inline strings, as {@code debug/buildinfo} reads them): an
 * ELF64 little-endian file whose first writable PT_LOAD segment starts with the 32-byte header
 * ({@code "\xff Go buildinf:"}, pointer size, flags with bit 1 set) followed by two uvarint-prefixed strings, the Go
 * version and the module information between Go's 16-byte start and end sentinels.
 */
class GoBinaryPackagesTest {
    private static final byte[] INFO_START = HexFormat.of().parseHex("3077af0c9274080241e1c107e6d618e6");
    private static final byte[] INFO_END = HexFormat.of().parseHex("f932433186182072008242104116d8f2");
    private static final int DATA_OFFSET = 0x3000; // past the 4 KiB the reader takes first: it must skip to it

    private static final String MODINFO = "path\texample.com/app/cmd/server\n"
            + "mod\texample.com/app\t(devel)\t\n"
            + "dep\tgithub.com/spf13/cobra\tv1.8.0\th1:7aJaZx1B85qltLMc546zn58BxxfZdR/W22ej9CFmEjM=\n"
            + "dep\tgolang.org/x/sys\tv0.15.0\th1:h48lPFYpsTvQJZF4EKyI4aLHaev3CxivZmv7yZig9pc=\n"
            + "=>\tgolang.org/x/sys\tv0.16.0\th1:xWw16ngr6ZMtmxDyKyIgsE93KNKz5HKmMa3b8ALHidU=\n"
            + "build\t-compiler=gc\nbuild\tCGO_ENABLED=0\nbuild\tGOARCH=amd64\nbuild\tGOOS=linux\n";

    private static void uvarint(ByteArrayOutputStream out, int v) {
        while (v >= 0x80) {
            out.write((v & 0x7f) | 0x80);
            v >>>= 7;
        }
        out.write(v);
    }

    /** An ELF64 LE Go binary of {@code size} bytes with this build information blob in its data segment. */
    static byte[] goBinary(int size, int flags, String goVersion, String modinfo) {
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0});
        b.putShort(0x10, (short) 2); // ET_EXEC
        b.putShort(0x12, (short) 62); // EM_X86_64
        b.putInt(0x14, 1);
        b.putLong(0x18, 0x401000); // entry
        b.putLong(0x20, 64); // e_phoff
        b.putShort(0x34, (short) 64); // e_ehsize
        b.putShort(0x36, (short) 56); // e_phentsize
        b.putShort(0x38, (short) 2); // e_phnum
        int ph = 64;
        b.putInt(ph, 1).putInt(ph + 4, 5).putLong(ph + 8, 0).putLong(ph + 32, DATA_OFFSET); // text: R+X
        ph += 56;
        b.putInt(ph, 1).putInt(ph + 4, 6).putLong(ph + 8, DATA_OFFSET).putLong(ph + 32, size - DATA_OFFSET); // R+W
        ByteArrayOutputStream blob = new ByteArrayOutputStream();
        blob.writeBytes("\u00ff Go buildinf:".getBytes(StandardCharsets.ISO_8859_1));
        blob.write(8); // pointer size
        blob.write(flags);
        blob.writeBytes(new byte[16]);
        if ((flags & 2) != 0) {
            byte[] v = goVersion.getBytes(StandardCharsets.UTF_8);
            uvarint(blob, v.length);
            blob.writeBytes(v);
            ByteArrayOutputStream mod = new ByteArrayOutputStream();
            mod.writeBytes(INFO_START);
            mod.writeBytes(modinfo.getBytes(StandardCharsets.UTF_8));
            mod.writeBytes(INFO_END);
            uvarint(blob, mod.size());
            blob.writeBytes(mod.toByteArray());
        }
        b.put(DATA_OFFSET + 0x20, blob.toByteArray()); // 16-byte aligned, after other data
        for (int i = 0x200; i < DATA_OFFSET; i++) {
            b.put(i, (byte) (i * 31)); // "code"
        }
        return b.array();
    }

    @Test
    void aGoBinaryGivesItsMainModuleAndDependenciesWithReplacementsApplied() {
        byte[] server = goBinary(300_000, 2, "go1.21.5", MODINFO);
        byte[] old = goBinary(300_000, 0, null, null);
        byte[] notElf = new byte[400_000];
        PackageInventory inv = Scan.of(layer().file("/usr/local/bin/server", server)
                .file("/usr/local/bin/legacy", old).file("/opt/data/blob", notElf));
        InstalledPackage main = pkg(inv, "example.com/app");
        assertThat(main.ecosystem()).isEqualTo("golang");
        assertThat(main.version()).isEqualTo("(devel)");
        assertThat(main.installedBytes()).isEqualTo(300_000);
        assertThat(main.location()).isEqualTo("/usr/local/bin/server");
        InstalledPackage cobra = inv.packages().stream().filter(p -> p.name().equals("github.com/spf13/cobra")
                && p.location().equals("/usr/local/bin/server")).findFirst().orElseThrow();
        assertThat(cobra.version()).isEqualTo("v1.8.0");
        assertThat(cobra.purl()).isEqualTo("pkg:golang/github.com/spf13/cobra@v1.8.0");
        assertThat(cobra.installedBytes()).isZero(); // the binary's bytes are its main module's
        assertThat(inv.packages()).filteredOn(p -> p.name().equals("golang.org/x/sys")
                && p.location().equals("/usr/local/bin/server")).singleElement()
                .satisfies(p -> assertThat(p.version()).isEqualTo("v0.16.0"));
        assertThat(inv.notes()).anyMatch(n -> n.startsWith("/usr/local/bin/legacy") && n.contains("before Go 1.18"));
        assertThat(inv.notes()).noneMatch(n -> n.contains("/opt/data/blob"));
    }

    @Test
    void aCutOrHostileBlobIsANoteNotACrash() {
        byte[] good = goBinary(300_000, 2, "go1.21.5", MODINFO);
        // the module string claims far more bytes than the file has
        byte[] lying = good.clone();
        int at = DATA_OFFSET + 0x20 + 32;
        lying[at + 1 + "go1.21.5".length()] = (byte) 0xff;
        lying[at + 2 + "go1.21.5".length()] = (byte) 0xff;
        lying[at + 3 + "go1.21.5".length()] = (byte) 0x7f;
        // program headers pointing far outside the file
        byte[] wild = good.clone();
        ByteBuffer.wrap(wild).order(ByteOrder.LITTLE_ENDIAN).putLong(64 + 56 + 8, Long.MAX_VALUE / 2);
        PackageInventory inv = Scan.of(layer().file("/app/lying", lying).file("/app/wild", wild));
        assertThat(inv.packages()).isEmpty();
        assertThat(inv.notes()).anyMatch(n -> n.startsWith("/app/lying") && n.contains("cut short"));
    }
}
