package dev.vigil.agent.jdbc.ownership;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.core.config.ConfigProblem;
import dev.vigil.agent.core.yaml.YamlDocument;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModulesTest {

    @Test
    void modulesAreInferredFromThePackagesUnderTheMainPackage() {
        Modules modules = Modules.inferred("com.shop");
        assertThat(modules.moduleOf("com.shop.orders.OrderService")).isEqualTo("orders");
        assertThat(modules.moduleOf("com.shop.orders.web.OrderController")).isEqualTo("orders");
        assertThat(modules.moduleOf("com.shop.ShopApp")).isNull(); // the main package's own classes: wiring
        assertThat(modules.moduleOf("com.shopping.Cart")).isNull();
        assertThat(modules.moduleOf("org.hibernate.Session")).isNull();
        assertThat(modules.moduleOf("com.shop.orders.OrderService$$SpringCGLIB$$0")).isNull();
        assertThat(modules.moduleOf("com.shop.customers.Customer$HibernateProxy$x1")).isNull();
        assertThat(modules.moduleOf("jdk.proxy2.$Proxy12")).isNull();
    }

    @Test
    void theMainPackageIsThatOfTheApplicationsMainClassNotOfALauncher() {
        assertThat(MainPackage.packageOf("com.shop.ShopApp")).isEqualTo("com.shop");
        assertThat(MainPackage.packageOf("org.springframework.boot.loader.launch.JarLauncher")).isNull();
        assertThat(MainPackage.packageOf("Main")).isNull();
        assertThat(MainPackage.fromCommandLine(Map.of("sun.java.command", "com.shop.ShopApp --port=1"))).isEqualTo("com.shop");
        // This JVM's main thread starts in Surefire's booter, a launcher: no application package.
        assertThat(MainPackage.fromMainThread()).isNull();
    }

    @Test
    void aSpringBootJarsStartClassNamesTheMainPackageNotItsLauncher(@TempDir Path dir) throws Exception {
        Path jar = dir.resolve("shop.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "org.springframework.boot.loader.launch.JarLauncher");
        manifest.getMainAttributes().putValue("Start-Class", "com.shop.ShopApp");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            out.putNextEntry(new JarEntry("BOOT-INF/"));
        }
        assertThat(MainPackage.fromCommandLine(Map.of("sun.java.command", jar + " --server.port=8080",
                "user.dir", dir.toString()))).isEqualTo("com.shop");

        Path plain = dir.resolve("tool.jar");
        Manifest plainManifest = new Manifest();
        plainManifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        plainManifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "org.acme.tool.Main");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(plain), plainManifest)) {
            out.putNextEntry(new JarEntry("org/"));
        }
        assertThat(MainPackage.fromCommandLine(Map.of("sun.java.command", "tool.jar", "user.dir", dir.toString())))
                .isEqualTo("org.acme.tool");
    }

    @Test
    void declaredModulesComeFromVigilYamlByPackagePrefix() throws Exception {
        List<ConfigProblem> problems = new ArrayList<>();
        List<Module> declared = ModulesFile.read(YamlDocument.parse("""
                service.name: shop
                modules:
                  catalog:   { packages: com.shop.catalog, tables: [Product, product_view] }
                  customers: { packages: [com.shop.customers, com.shop.signup], tables: customer }
                  orders:    { packages: com.shop.orders }
                """, "vigil.yaml"), problems);
        assertThat(problems).isEmpty();
        Modules modules = Modules.declared(declared);
        assertThat(modules.moduleOf("com.shop.signup.SignupController")).isEqualTo("customers");
        assertThat(modules.moduleOf("com.shop.orders.OrderService")).isEqualTo("orders");
        assertThat(modules.moduleOf("com.shop.ShopApp")).isNull();
        assertThat(modules.declaredOwner("product")).isEqualTo("catalog");
        assertThat(modules.declaredOwner("customer")).isEqualTo("customers");
        assertThat(modules.declaredOwner("orders")).isNull();
    }

    @Test
    void aWrongModuleIsNamedWithItsLineAndWhatWasExpectedAndTheOthersCount() throws Exception {
        List<ConfigProblem> problems = new ArrayList<>();
        List<Module> declared = ModulesFile.read(YamlDocument.parse("""
                modules:
                  catalog:   { packages: com.shop.catalog, tables: product }
                  orders:    { package: com.shop.orders }
                  customers: { packages: "com shop", tables: customer }
                  billing:   { packages: com.shop.billing, tables: product }
                """, "vigil.yaml"), problems);
        assertThat(declared).extracting(Module::name).containsExactly("catalog");
        assertThat(problems).extracting(ConfigProblem::message).containsExactly(
                "vigil.yaml line 3: module orders: unknown key 'package', expected packages and tables; did you mean"
                        + " packages?; this module is ignored, the others count",
                "vigil.yaml line 4: module customers: packages: expected a Java package such as com.shop.orders, or a list"
                        + " of them; this module is ignored, the others count",
                "vigil.yaml line 5: module billing: table product is already owned by module catalog (vigil.yaml line 2);"
                        + " a table has one owner; this module is ignored, the others count");
    }
}
