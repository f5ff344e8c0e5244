package dev.vigil.agent.core.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import fixture.HeaderFixtures.AStatement;
import fixture.HeaderFixtures.Dao;
import fixture.HeaderFixtures.DeepStatement;
import fixture.HeaderFixtures.MarkedApi;
import fixture.HeaderFixtures.MarkedImpl;
import fixture.HeaderFixtures.MarkedImplChild;
import fixture.HeaderFixtures.Marker;
import fixture.HeaderFixtures.OtherPlainChild;
import fixture.HeaderFixtures.Plain;
import fixture.HeaderFixtures.PlainChild;
import fixture.HeaderFixtures.StatementBase;
import fixture.HeaderFixtures.SubStatement;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.ByteBuddy;
import org.junit.jupiter.api.Test;

/** The fixtures live outside the agent's packages, which the filter (like Byte Buddy's ignore rule) leaves alone. */
class ClassHeaderFilterTest {
    private final ClassLoader loader = getClass().getClassLoader();
    private final ClassHeaderFilter filter = new ClassHeaderFilter(
            MatchedTypes.named("java.sql.Statement", "java.util.concurrent.ThreadPoolExecutor")
                    .orAnnotatedWith(Marker.class.getName()));

    @Test
    void aClassThatImplementsANamedTypeThroughItsSuperTypesMayMatch() throws IOException {
        assertThat(mayMatch(AStatement.class)).as("implements PreparedStatement, which extends Statement").isTrue();
        assertThat(mayMatch(SubStatement.class)).as("its super class does").isTrue();
        assertThat(mayMatch(DeepStatement.class)).as("two levels down").isTrue();
    }

    @Test
    void aClassOutsideEveryNamedHierarchyIsTurnedAway() throws IOException {
        assertThat(mayMatch(Plain.class)).isFalse();
        assertThat(mayMatch(PlainChild.class)).as("Plain and Runnable match nothing").isFalse();
        assertThat(mayMatch(ClassHeaderFilterTest.class)).as("the agent's own classes are left alone").isFalse();
    }

    @Test
    void aClassCarryingOrInheritingAnAnnotationNamedMayMatch() throws IOException {
        assertThat(mayMatch(MarkedApi.class)).isTrue();
        assertThat(mayMatch(MarkedImpl.class)).as("implements an annotated interface").isTrue();
        assertThat(mayMatch(MarkedImplChild.class)).isTrue();
    }

    @Test
    void aClassHoldingAConstantNamedMayMatch() throws IOException {
        ClassHeaderFilter holding = new ClassHeaderFilter(
                MatchedTypes.named("java.util.concurrent.ThreadPoolExecutor").orHolding("(Ljava/lang/String;)Ljava/sql/ResultSet;"));
        assertThat(holding.mayMatch(loader, internal(StatementBase.class), bytes(StatementBase.class)))
                .as("declares executeQuery(String) without implementing Statement").isTrue();
        assertThat(holding.mayMatch(loader, internal(Dao.class), bytes(Dao.class)))
                .as("calls it: Byte Buddy's matcher says no later").isTrue();
        assertThat(holding.mayMatch(loader, internal(Plain.class), bytes(Plain.class))).isFalse();
        assertThat(mayMatch(StatementBase.class)).as("without the constant, nothing names it").isFalse();
    }

    @Test
    void aMarkerIsOnlyAConstantOfTheSameBytes() throws IOException {
        byte[] marked = bytes(MarkedApi.class);
        byte[] marker = ("L" + internal(Marker.class) + ";").getBytes(StandardCharsets.UTF_8);
        assertThat(ClassHeaderFilter.Header.parse(marked, new byte[][] {marker}).marked).isOne();
        for (int at : new int[] {0, marker.length / 2, marker.length - 1}) {
            for (int bit : new int[] {0x01, 0x80}) { // the last: a byte that differs in its sign bit only
                byte[] other = marker.clone();
                other[at] ^= (byte) bit;
                assertThat(ClassHeaderFilter.Header.parse(marked, new byte[][] {other}).marked)
                        .as("the marker with byte %d changed by %x", at, bit).isZero();
            }
        }
        byte[] nonAscii = marker.clone();
        nonAscii[1] = (byte) 0xC3; // the same length, a byte no ASCII name has
        assertThat(ClassHeaderFilter.Header.parse(marked, new byte[][] {nonAscii, marker}).marked)
                .as("found among other markers").isOne();
        assertThat(ClassHeaderFilter.Header.parse(bytes(Plain.class), new byte[][] {marker}).marked).isZero();
    }

    @Test
    void theJdkIsTurnedAwayExceptForTheTypesNamed() {
        assertThat(filter.mayMatch(null, "java/util/concurrent/ThreadPoolExecutor", new byte[0])).isTrue();
        assertThat(filter.mayMatch(null, "java/util/HashMap", new byte[0])).isFalse();
        assertThat(filter.mayMatch(ClassLoader.getPlatformClassLoader(), "java/sql/Timestamp", new byte[0])).isFalse();
    }

    @Test
    void whatCannotBeReadIsLeftToByteBuddy() throws IOException {
        ClassLoader unreadable = new ClassLoader(loader) {
            @Override
            public InputStream getResourceAsStream(String name) {
                return new InputStream() { // finds the class file but fails to read it
                    @Override
                    public int read() throws IOException {
                        throw new IOException("unreadable");
                    }
                };
            }
        };
        assertThat(filter.mayMatch(unreadable, internal(PlainChild.class), bytes(PlainChild.class)))
                .as("its super class Plain is there but cannot be read through this loader").isTrue();
        assertThat(filter.mayMatch(loader, "x/Broken", new byte[] {(byte) 0xCA, (byte) 0xFE, 1, 2, 3})).isTrue();
        assertThat(filter.mayMatch(loader, "x/Empty", null)).isTrue();
    }

    @Test
    void aClassWhoseSuperTypeItsLoaderLacksIsTurnedAway() throws IOException {
        ClassLoader blind = new ClassLoader(null) { };
        assertThat(filter.mayMatch(blind, internal(PlainChild.class), bytes(PlainChild.class)))
                .as("its super class Plain is not there: Byte Buddy could not describe it either").isFalse();
        assertThat(filter.mayMatch(blind, internal(Plain.class), bytes(Plain.class)))
                .as("a direct subclass of Object needs nothing read").isFalse();
        assertThat(filter.mayMatch(blind, internal(AStatement.class), bytes(AStatement.class)))
                .as("its named interface is the JDK's, read from the JDK").isTrue();
    }

    @Test
    void aCommonSuperClassIsReadOncePerLoader() throws IOException {
        CountingLoader counting = new CountingLoader(loader);
        ClassHeaderFilter fresh = new ClassHeaderFilter(MatchedTypes.named("java.sql.Statement"));
        assertThat(fresh.mayMatch(counting, internal(PlainChild.class), bytes(PlainChild.class))).isFalse();
        assertThat(fresh.mayMatch(counting, internal(OtherPlainChild.class), bytes(OtherPlainChild.class))).isFalse();
        assertThat(counting.reads).as("Plain once; Runnable from the JDK's cache, shared by all loaders")
                .containsExactly(internal(Plain.class) + ".class");
    }

    @Test
    void theCacheOfALoaderIsBounded() {
        ClassLoader own = new ClassLoader(loader) { };
        for (int i = 0; i < ClassHeaderFilter.MAX_CACHED + 100; i++) {
            String name = "generated.Type" + i;
            byte[] classFile = new ByteBuddy().subclass(Object.class).name(name).make().getBytes();
            assertThat(filter.mayMatch(own, name.replace('.', '/'), classFile)).isFalse();
        }
        assertThat(filter.cachedFor(own)).isBetween(1, ClassHeaderFilter.MAX_CACHED);
    }

    private boolean mayMatch(Class<?> type) throws IOException {
        return filter.mayMatch(loader, internal(type), bytes(type));
    }

    private static String internal(Class<?> type) {
        return type.getName().replace('.', '/');
    }

    private static byte[] bytes(Class<?> type) throws IOException {
        try (InputStream in = type.getClassLoader().getResourceAsStream(internal(type) + ".class")) {
            return in.readAllBytes();
        }
    }

    private static final class CountingLoader extends ClassLoader {
        final List<String> reads = new ArrayList<>();

        CountingLoader(ClassLoader parent) {
            super(parent);
        }

        @Override
        public InputStream getResourceAsStream(String name) {
            reads.add(name);
            return super.getResourceAsStream(name);
        }
    }
}
