package dev.vigil.examples.httpserver;

/** A status and a JSON body. */
record Response(int status, String json) {

    static Response ok(String json) {
        return new Response(200, json);
    }

    static Response notFound() {
        return new Response(404, "{\"error\":\"not found\"}");
    }
}
