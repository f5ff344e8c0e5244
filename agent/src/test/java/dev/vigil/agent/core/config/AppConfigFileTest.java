package dev.vigil.agent.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The keys an application's own configuration file sets for every profile, as Spring, Quarkus and Micronaut read them. */
class AppConfigFileTest {

    @Test
    void nestedYamlKeysAreJoinedWithDots() {
        assertThat(AppConfigFile.yaml("spring:\n  application:\n    name: petclinic\n  jpa:\n    open-in-view: false\n"))
                .containsEntry("spring.application.name", "petclinic")
                .containsEntry("spring.jpa.open-in-view", "false");
    }

    @Test
    void flatAndMixedYamlKeysGiveTheSameName() {
        assertThat(AppConfigFile.yaml("spring.application.name: flat\n")).containsEntry("spring.application.name", "flat");
        assertThat(AppConfigFile.yaml("spring:\n  application.name: mixed\n"))
                .containsEntry("spring.application.name", "mixed");
        assertThat(AppConfigFile.yaml("micronaut:\n    application:\n        name: orders\n"))
                .containsEntry("micronaut.application.name", "orders");
    }

    @Test
    void siblingsAfterADeeperBlockBelongToTheirOwnParent() {
        String yaml = """
                server:
                  port: 8080
                  ssl:
                    enabled: false
                spring:
                  datasource:
                    url: jdbc:h2:mem:x
                  application:
                    name: shop
                """;

        assertThat(AppConfigFile.yaml(yaml))
                .containsEntry("spring.application.name", "shop")
                .containsEntry("server.ssl.enabled", "false")
                .doesNotContainKey("server.ssl.spring.application.name");
    }

    @Test
    void commentsAndQuotesAreYamlsNotTheValuesOwn() {
        String yaml = """
                # the service
                spring:   # Spring's own keys
                  application:
                    name: "shop # not a comment"   # a comment
                quarkus:
                  application:
                    name: 'it''s'
                micronaut.application.name: orders #comment
                """;

        assertThat(AppConfigFile.yaml(yaml))
                .containsEntry("spring.application.name", "shop # not a comment")
                .containsEntry("quarkus.application.name", "it's")
                .containsEntry("micronaut.application.name", "orders");
    }

    @Test
    void aDocumentActivatedOnAProfileIsLeftOutAndALaterDefaultOneWins() {
        String yaml = """
                spring:
                  application:
                    name: shop
                ---
                spring:
                  config:
                    activate:
                      on-profile: prod
                  application:
                    name: shop-prod
                ---
                spring.profiles: legacy
                spring.application.name: shop-legacy
                """;

        assertThat(AppConfigFile.yaml(yaml)).containsEntry("spring.application.name", "shop");
        assertThat(AppConfigFile.yaml("spring.application.name: first\n---\nspring.application.name: second\n"))
                .containsEntry("spring.application.name", "second");
    }

    @Test
    void sequencesAndBlockScalarsLendNoKeysToTheirParent() {
        String yaml = """
                spring:
                  profiles:
                    include:
                    - name: not-it
                      application: x
                  banner: |
                    name: not-it-either
                  application:
                    name: shop
                """;

        assertThat(AppConfigFile.yaml(yaml))
                .containsEntry("spring.application.name", "shop")
                .doesNotContainKeys("spring.profiles.include.name", "spring.banner.name", "spring.banner");
    }

    @Test
    void valuesInFormsThisReaderDoesNotTakeAreLeftUnset() {
        assertThat(AppConfigFile.yaml("spring.application.name: &n shop\n")).doesNotContainKey("spring.application.name");
        assertThat(AppConfigFile.yaml("spring.application.name: >\n  shop\n")).doesNotContainKey("spring.application.name");
        assertThat(AppConfigFile.yaml("spring: {application: {name: shop}}\n")).isEmpty();
        assertThat(AppConfigFile.yaml("spring.application.name: ~\n")).doesNotContainKey("spring.application.name");
        assertThat(AppConfigFile.yaml("spring.application.name: \"unterminated\n")).doesNotContainKey("spring.application.name");
    }

    @Test
    void windowsLineEndingsAndTabsDoNotConfuseIt() {
        assertThat(AppConfigFile.yaml("spring:\r\n  application:\r\n    name: shop\r\n"))
                .containsEntry("spring.application.name", "shop");
        assertThat(AppConfigFile.yaml("spring:\n\tapplication:\n\t\tname: shop\n")).doesNotContainKey("spring.application.name");
    }

    @Test
    void propertiesDocumentsActivatedOnAProfileAreLeftOut() throws IOException {
        String properties = """
                spring.application.name=shop
                #---
                spring.config.activate.on-profile=prod
                spring.application.name=shop-prod
                """;

        assertThat(AppConfigFile.properties(properties)).containsEntry("spring.application.name", "shop");
    }

    @Test
    void quarkusProfileKeysKeepTheirPrefix() throws IOException {
        assertThat(AppConfigFile.parse("application.properties",
                "%dev.quarkus.application.name=dev-name\nquarkus.application.name = greeting \n"))
                .containsEntry("quarkus.application.name", "greeting")
                .containsEntry("%dev.quarkus.application.name", "dev-name");
    }
}
