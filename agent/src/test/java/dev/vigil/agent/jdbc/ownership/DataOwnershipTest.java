package dev.vigil.agent.jdbc.ownership;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.jdbc.DbInsight;
import dev.vigil.agent.jdbc.JdbcRecorder;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DataOwnershipTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    /** The fake stack of the statement running now, innermost frame first, and how often it was walked. */
    private String[] frames = {};
    private int walks;
    private final CallerStack fakeStack = modules -> {
        walks++;
        for (String frame : frames) {
            String module = modules.moduleOf(frame);
            if (module != null) {
                return module;
            }
        }
        return null;
    };

    private static final List<Module> SHOP = List.of(
            new Module("customers", List.of("com.shop.customers"), List.of("customer"), "vigil.yaml line 2"),
            new Module("orders", List.of("com.shop.orders"), List.of("orders", "order_line"), "vigil.yaml line 3"));

    private DataOwnership ownership(Modules modules) {
        return new DataOwnership(registry, modules, () -> null, fakeStack, 1000);
    }

    /** A JPA repository call as it looks on the stack: driver, pool, Hibernate, Spring's proxy, then the caller. */
    private void ranBy(String caller) {
        frames = new String[] {"org.h2.jdbc.JdbcPreparedStatement", "dev.vigil.agent.jdbc.JdbcRecorder",
            "com.zaxxer.hikari.pool.HikariProxyPreparedStatement", "org.hibernate.sql.exec.internal.JdbcSelectExecutor",
            "jdk.proxy2.$Proxy101", "com.shop.customers.CustomerRepository$$SpringCGLIB$$0", caller,
            "com.shop.web.Controller", "org.apache.catalina.core.StandardWrapperValve"};
    }

    @Test
    void aCrossModuleReadIsAViolationAndASameModuleReadIsNot() {
        DataOwnership ownership = ownership(Modules.declared(SHOP));
        ranBy("com.shop.customers.Customers");
        for (int i = 0; i < 7; i++) {
            assertThat(ownership.executed("select c.name from customer c where c.id=?", false, true, "SELECT", "customer", 1000))
                    .isEqualTo("customers");
        }
        ranBy("com.shop.orders.OrderHistory");
        for (int i = 0; i < 3; i++) {
            assertThat(ownership.executed("SELECT name FROM customer WHERE id = ?", false, true, "SELECT", "customer", 1000))
                    .isEqualTo("orders");
        }
        assertThat(count("vigil.db.module.operations", "module", "customers", "db.collection.name", "customer")).isEqualTo(7);
        assertThat(count("vigil.db.module.operations", "module", "orders", "db.collection.name", "customer")).isEqualTo(3);
        assertThat(count("vigil.db.ownership.violations", "module", "orders", "owner.module", "customers")).isEqualTo(3);
        assertThat(registry.find("vigil.db.ownership.violations").tag("module", "customers").counters()).isEmpty();
        Map<String, Object> page = ownership.page();
        assertThat(page.get("violations")).isEqualTo(3L);
        assertThat(page.get("source")).isEqualTo("vigil.yaml");
        assertThat(page.get("cells")).asList().hasSize(2);
    }

    @Test
    void theStackIsWalkedOncePerShapeNeverPerExecution() {
        DataOwnership ownership = ownership(Modules.declared(SHOP));
        ranBy("com.shop.orders.OrderService");
        for (int i = 0; i < 10_000; i++) {
            ownership.executed("select * from orders where id=?", false, true, "SELECT", "orders", 10);
            ownership.executed("insert into order_line (order_id, qty) values (?, ?)", false, true, "INSERT", "order_line", 10);
            ownership.executed("insert into order_line (order_id, qty) values (?, ?)", true, true, "BATCH INSERT", "order_line", 10);
        }
        assertThat(walks).isEqualTo(3); // one per shape, batch or not
        ownership.executed("select * from orders where id=?", false, false, "SELECT", "orders", 10); // a scheduled job, say
        assertThat(walks).isEqualTo(4);
        assertThat(ownership.walks()).isEqualTo(4);
        assertThat(count("vigil.db.module.operations", "module", "orders", "db.collection.name", "order_line")).isEqualTo(20_000);
        assertThat(count("vigil.db.module.operations", "module", "orders", "db.collection.name", "orders")).isEqualTo(10_001);
    }

    @Test
    void sitesKeptBesideTheShapeGiveTheAnswersOfItsText() {
        DataOwnership ownership = ownership(Modules.declared(SHOP));
        DataOwnership.Sites read = ownership.sites(null);
        DataOwnership.Sites wiring = ownership.sites(null);
        assertThat(ownership.sites(read)).as("its own sites are kept").isSameAs(read);

        ranBy("com.shop.orders.OrderService");
        for (int i = 0; i < 1000; i++) {
            assertThat(ownership.executed(read, "select * from orders where id=?", false, true, "SELECT", "orders", 10))
                    .isEqualTo("orders");
        }
        ownership.executed(read, "select * from orders where id=?", false, false, "SELECT", "orders", 10);
        frames = new String[] {"org.hibernate.tool.schema.internal.SchemaCreatorImpl"};
        for (int i = 0; i < 1000; i++) {
            assertThat(ownership.executed(wiring, "create table customer (id bigint)", false, true, "CREATE", "customer", 1))
                    .isNull();
        }

        assertThat(walks).as("once per shape and kind of call site; a shape no module ran is still retried")
                .isEqualTo(2 + 1 + DataOwnership.RETRIES);
        assertThat(count("vigil.db.module.operations", "module", "orders", "db.collection.name", "orders")).isEqualTo(1001);
    }

    @Test
    void sitesOfAnotherInstanceAreNotTakenForItsOwn() {
        DataOwnership first = ownership(Modules.declared(SHOP));
        ranBy("com.shop.orders.OrderService");
        DataOwnership.Sites firsts = first.sites(null);
        first.executed(firsts, "select * from orders where id=?", false, true, "SELECT", "orders", 10);

        DataOwnership second = ownership(Modules.declared(SHOP));
        assertThat(second.sites(firsts)).isNotSameAs(firsts);
        ranBy("com.shop.customers.Customers");
        assertThat(second.executed(firsts, "select * from orders where id=?", false, true, "SELECT", "orders", 10))
                .as("its own walk, not the first instance's site").isEqualTo("customers");
    }

    @Test
    void aStatementNoModuleRanIsLookedAtAFewTimesMoreThenLeftAlone() {
        DataOwnership ownership = ownership(Modules.declared(SHOP));
        frames = new String[] {"org.hibernate.tool.schema.internal.SchemaCreatorImpl", "org.springframework.boot.SpringApplication"};
        for (int i = 0; i < 1000; i++) {
            assertThat(ownership.executed("create table customer (id bigint)", false, true, "CREATE", "customer", 1)).isNull();
        }
        assertThat(walks).isEqualTo(1 + DataOwnership.RETRIES);
        assertThat(registry.find("vigil.db.module.operations").counters()).isEmpty();
    }

    @Test
    void aShapeTheWiringRanAtStartUpIsStillAttributedWhenAModuleRunsItInARequest() {
        DataOwnership ownership = ownership(Modules.declared(SHOP));
        frames = new String[] {"com.shop.SeedData", "org.springframework.boot.SpringApplication"};
        for (int i = 0; i < 100; i++) {
            ownership.executed("insert into orders (customer_id) values (?)", false, false, "INSERT", "orders", 1);
        }
        ranBy("com.shop.orders.OrderService");
        ownership.executed("insert into orders (customer_id) values (?)", false, true, "INSERT", "orders", 1);
        assertThat(count("vigil.db.module.operations", "module", "orders", "db.collection.name", "orders")).isEqualTo(1);
    }

    @Test
    void theAttributionCacheIsBounded() {
        DataOwnership ownership = ownership(Modules.declared(SHOP));
        ranBy("com.shop.orders.OrderService");
        for (int i = 0; i < 100_000; i++) {
            ownership.executed("select * from orders where id = ? /* " + i + " */", false, true, "SELECT", "orders", 1);
        }
        assertThat(ownership.cachedShapes()).isEqualTo(DataOwnership.MAX_SHAPES);
        assertThat(walks).isEqualTo(DataOwnership.MAX_SHAPES);
        assertThat(registry.getMeters().size()).isLessThan(20);
    }

    @Test
    void withoutDeclaredOwnersATableBelongsToTheModuleThatWritesItMost() {
        DataOwnership ownership = ownership(Modules.inferred("com.shop"));
        ranBy("com.shop.orders.OrderHistory");
        ownership.executed("select * from customer where id=?", false, true, "SELECT", "customer", 1); // no owner yet
        ranBy("com.shop.Seed"); // the main package holds the wiring: no module, the walk goes on
        frames = new String[] {"com.shop.Seed", "com.shop.orders.OrderSeed"};
        ownership.executed("insert into customer (name) values (?)", false, true, "INSERT", "customer", 1); // orders writes first
        ranBy("com.shop.customers.Signup");
        for (int i = 0; i < 2; i++) {
            ownership.executed("update customer set name=? where id=?", false, true, "UPDATE", "customer", 1); // then most
        }
        ranBy("com.shop.orders.OrderHistory");
        ownership.executed("select * from customer where id=?", false, true, "SELECT", "customer", 1);
        ranBy("com.shop.customers.Customers");
        ownership.executed("select * from customer where email=?", false, true, "SELECT", "customer", 1);

        assertThat(count("vigil.db.module.operations", "module", "orders", "db.collection.name", "customer")).isEqualTo(3);
        // The first update: orders (1 write) still owned it, so customers' write was a violation; the SELECT
        // after the owner changed is orders' only one.
        assertThat(count("vigil.db.ownership.violations", "module", "customers", "owner.module", "orders")).isEqualTo(1);
        assertThat(count("vigil.db.ownership.violations", "module", "orders", "owner.module", "customers")).isEqualTo(1);
        assertThat(ownership.page().get("tables")).asList().singleElement().asString().contains("owner_module=customers");
    }

    @Test
    void databaseTimePerModuleAndRouteIsOneCounterOfSeconds() {
        DataOwnership ownership = ownership(Modules.inferred("com.shop"));
        ownership.requestTime("/orders/{id}", "orders", 1_500_000_000L);
        ownership.requestTime("/orders/{id}", "orders", 500_000_000L);
        assertThat(registry.get("vigil.db.module.time.seconds").tag("module", "orders").tag("http.route", "/orders/{id}")
                .counter().count()).isEqualTo(2.0);
    }

    @Test
    void countsExactlyUnderConcurrency() throws Exception {
        AtomicInteger concurrentWalks = new AtomicInteger();
        CallerStack ordersCode = modules -> {
            concurrentWalks.incrementAndGet();
            return modules.moduleOf("com.shop.orders.OrderHistory");
        };
        DataOwnership ownership = new DataOwnership(registry, Modules.declared(SHOP), () -> null, ordersCode, 1000);
        int threads = 8;
        int each = 20_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        ownership.executed("select name from customer where id=?", false, true, "SELECT", "customer", 1);
                        ownership.executed("select * from orders where id=?", false, true, "SELECT", "orders", 1);
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(count("vigil.db.ownership.violations", "module", "orders", "owner.module", "customers"))
                .isEqualTo(threads * each);
        assertThat(count("vigil.db.module.operations", "module", "orders")).isEqualTo(2.0 * threads * each);
        assertThat(concurrentWalks.get()).as("at most one walk per thread and shape while the cache fills")
                .isBetween(2, 2 * threads);
    }

    @Test
    void noLiteralNorParameterReachesASeriesOrThePage() {
        DataOwnership ownership = ownership(Modules.declared(SHOP));
        JdbcRecorder recorder = new JdbcRecorder(registry, 200);
        DbInsight insight = new DbInsight(registry, 10, 500, 100, () -> null);
        recorder.reportQueriesTo(insight);
        insight.attributeWith(ownership);
        ranBy("com.shop.orders.OrderHistory");
        Object statement = new Object();
        recorder.end(recorder.start(statement, "SELECT name FROM customer WHERE email = 'ada.secret@example.com'"), null);
        // A number no measured duration on the page can contain by chance (with 42, "seconds=1.642E-5" once failed it).
        recorder.prepared(statement, "UPDATE customer SET name = 'Grace Secret' WHERE id = 9876543210123");
        recorder.end(recorder.start(statement, null), null);

        assertThat(count("vigil.db.ownership.violations", "module", "orders")).isEqualTo(2);
        String everything = registry.getMeters().stream().map(m -> m.getId().toString()).reduce("", String::concat)
                + ownership.page();
        assertThat(everything).contains("customer").doesNotContain("secret").doesNotContain("Secret").doesNotContain("9876543210123");
    }

    private double count(String name, String... tags) {
        return registry.find(name).tags(tags).counters().stream().mapToDouble(Counter::count).sum();
    }
}
