package dev.vigil.agent.alerts;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The alerts files under src/test/resources/alerts/, and small ones written by a test. */
final class Fixtures {
    /** Every alert kind and both kinds of SLO. */
    static final String EVERY_KIND = "every-kind.yaml";

    private Fixtures() {
    }

    static Path resource(String name) {
        try {
            return Path.of(Fixtures.class.getResource("/alerts/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static AlertsConfig everyKind() throws AlertsFileException {
        return AlertsFile.read(resource(EVERY_KIND), EVERY_KIND);
    }

    /** Writes {@code yaml} to {@code dir/alerts.yaml} and returns its path. */
    static Path write(Path dir, String yaml) throws IOException {
        Path file = dir.resolve("alerts.yaml");
        Files.writeString(file, yaml);
        return file;
    }
}
