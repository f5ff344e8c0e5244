package dev.vigil.examples.httpserver;

import java.util.List;
import java.util.stream.Collectors;

/** Just enough JSON writing for this app; a real one would use a library. */
final class Json {

    interface Writable {
        String toJson();
    }

    private Json() {
    }

    static String array(List<? extends Writable> values) {
        return values.stream().map(Writable::toJson).collect(Collectors.joining(",", "[", "]"));
    }

    static String string(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
