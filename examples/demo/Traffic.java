import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Demo traffic for the example shop: {@code java examples/demo/Traffic.java PORT SECONDS}. A mix of
 * reads, orders, batches, searches, a broken query and an endpoint that throws, so every kind of
 * series shows up. Talks only to 127.0.0.1 and stops by itself.
 */
public class Traffic {
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        long seconds = Long.parseLong(args[1]);
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Map<String, Integer> sent = new TreeMap<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        int i = 0;
        while (System.nanoTime() < deadline && i < 1_000_000) {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            int pick = random.nextInt(100);
            HttpRequest.Builder request;
            if (pick < 45) {
                request = get(port, "/items/" + random.nextInt(1, 12));
            } else if (pick < 60) {
                request = get(port, "/items");
            } else if (pick < 75) {
                request = post(port, "/orders", "item=" + random.nextInt(1, 6) + "&qty=" + random.nextInt(1, 4));
            } else if (pick < 80) {
                request = post(port, "/orders/batch?n=" + random.nextInt(2, 20), "");
            } else if (pick < 88) {
                request = get(port, "/search?q=gadget" + random.nextInt(1000));
            } else if (pick < 92) {
                request = get(port, "/report");
            } else if (pick < 95) {
                request = get(port, "/bad-sql");
            } else if (pick < 96) {
                request = get(port, "/boom");
            } else if (pick < 98) {
                request = get(port, "/orders/recent"); // an N+1, on purpose
            } else if (pick < 99) {
                request = get(port, "/slow?ms=600"); // a slow statement, on purpose
            } else {
                request = get(port, "/no/such/page/" + random.nextInt(1000));
            }
            String outcome;
            try {
                outcome = String.valueOf(client.send(request.timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode());
            } catch (java.io.IOException e) {
                outcome = "no response";
            }
            sent.merge(outcome, 1, Integer::sum);
            i++;
            Thread.sleep(random.nextInt(2, 15));
        }
        System.out.println("sent " + i + " requests, by status: " + sent);
    }

    private static HttpRequest.Builder get(int port, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
    }

    private static HttpRequest.Builder post(int port, String path, String form) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
    }
}
