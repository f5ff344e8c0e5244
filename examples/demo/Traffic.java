import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Demo traffic for the example shop ({@code examples/shop}): {@code java examples/demo/Traffic.java PORT SECONDS}.
 * Browsing, the N+1 page and its fix, carts, checkouts (one in ten declined by the payment gateway,
 * through the shop's fault switch), signups, a slow statement, an endpoint that throws and a few 404s,
 * so every kind of series and business event shows up. Talks only to 127.0.0.1 and stops by itself,
 * switching the faults off again.
 */
public class Traffic {

    /** The shop's seed data: customers 1-6, products 1-10 (product 10 has only 3 in stock). */
    private static final int CUSTOMERS = 6;
    private static final int PRODUCTS = 10;
    private static final List<String> PAYMENT_METHODS = List.of("card", "paypal", "invoice");

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        long seconds = Long.parseLong(args[1]);
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Map<String, Integer> sent = new TreeMap<>();
        Map<String, Integer> checkouts = new TreeMap<>();

        // One payment in ten declined by the gateway: the checkout answers 502, a "checkout.failed" event.
        send(client, post(port, "/admin/faults", "checkoutFailureRate=0.1"));

        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        int i = 0;
        while (System.nanoTime() < deadline && i < 1_000_000) {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            int customer = random.nextInt(1, CUSTOMERS + 1);
            String method = PAYMENT_METHODS.get(random.nextInt(PAYMENT_METHODS.size()));
            int pick = random.nextInt(100);
            HttpRequest.Builder request;
            boolean checkout = false;
            if (pick < 32) {
                request = get(port, "/products/" + random.nextInt(1, PRODUCTS + 1));
            } else if (pick < 35) {
                request = get(port, "/products/" + random.nextInt(1, PRODUCTS + 1) + "/visits"); // a full scan, on purpose
            } else if (pick < 45) {
                request = get(port, "/products");
            } else if (pick < 51) {
                request = get(port, "/orders/recent"); // an N+1, on purpose
            } else if (pick < 55) {
                request = get(port, "/orders/recent-fast"); // its fix
            } else if (pick < 57) {
                request = get(port, "/orders/" + random.nextInt(1, 31) + "/receipt"); // across a module boundary, on purpose
            } else if (pick < 62) {
                request = post(port, "/cart/" + customer + "/items",
                        "productId=" + random.nextInt(1, PRODUCTS) + "&quantity=" + random.nextInt(1, 3));
            } else if (pick < 65) {
                request = post(port, "/checkout", "customerId=" + customer + "&paymentMethod=" + method); // the cart
                checkout = true;
            } else if (pick < 84) {
                // Buy now; now and then the nearly sold-out product 10 (a 409 once it is gone).
                int product = random.nextInt(20) == 0 ? PRODUCTS : random.nextInt(1, PRODUCTS);
                request = post(port, "/checkout", "customerId=" + customer + "&productId=" + product
                        + "&quantity=" + random.nextInt(1, 4) + "&paymentMethod=" + method);
                checkout = true;
            } else if (pick < 92) {
                int n = random.nextInt(1_000_000);
                request = post(port, "/signup", "name=Visitor+" + n + "&email=visitor" + n + "%40example.com");
            } else if (pick < 94) {
                request = get(port, "/slow?ms=600"); // a slow statement, on purpose
            } else if (pick < 96) {
                request = get(port, "/boom"); // an exception, on purpose
            } else {
                request = get(port, "/no/such/page/" + random.nextInt(1000));
            }
            String outcome = send(client, request);
            sent.merge(outcome, 1, Integer::sum);
            if (checkout) {
                checkouts.merge(outcome, 1, Integer::sum);
            }
            i++;
            Thread.sleep(random.nextInt(2, 15));
        }

        send(client, HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/admin/faults")).DELETE());
        System.out.println("sent " + i + " requests, by status: " + sent);
        System.out.println("checkouts by status (201 placed, 409 out of stock, 502 payment declined, 400 empty cart): "
                + checkouts);
    }

    private static String send(HttpClient client, HttpRequest.Builder request) throws InterruptedException {
        try {
            return String.valueOf(client.send(request.timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode());
        } catch (java.io.IOException e) {
            return "no response";
        }
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
