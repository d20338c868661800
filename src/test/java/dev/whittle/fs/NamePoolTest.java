package dev.whittle.fs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** {@link NamePool} against a map of names, over several growths of its table. */
class NamePoolTest {

    @Property(tries = 25)
    void internsEachNameOnceAndFindsItAgain(@ForAll @IntRange(min = 1, max = 30_000) int names, @ForAll long seed) {
        Random random = new Random(seed);
        NamePool pool = new NamePool();
        Map<String, Integer> ids = new HashMap<>();
        List<String> made = new ArrayList<>();
        for (int i = 0; i < names; i++) {
            String name = Integer.toString(random.nextInt(names * 2 + 1), 36) + (random.nextInt(8) == 0 ? "é" : "");
            byte[] b = ("/" + name + "/").getBytes(StandardCharsets.UTF_8); // the name amid other bytes
            int id = pool.intern(b, 1, b.length - 2);
            Integer known = ids.putIfAbsent(name, id);
            assertThat(id).as(name).isEqualTo(known == null ? ids.size() - 1 : known);
            made.add(name);
        }
        for (String name : made) {
            byte[] b = name.getBytes(StandardCharsets.UTF_8);
            assertThat(pool.find(b, 0, b.length)).isEqualTo(ids.get(name));
            assertThat(pool.string(ids.get(name))).isEqualTo(name);
            byte[] absent = (name + "~").getBytes(StandardCharsets.UTF_8);
            assertThat(pool.find(absent, 0, absent.length)).isEqualTo(-1);
        }
    }
}
