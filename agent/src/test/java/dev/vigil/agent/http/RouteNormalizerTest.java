package dev.vigil.agent.http;

import static dev.vigil.agent.http.RouteNormalizer.normalize;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RouteNormalizerTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "/users/123                                            | /users/{id}",
            "/users/123/orders/550e8400-e29b-41d4-a716-446655440000 | /users/{id}/orders/{uuid}",
            "/users/123/orders/550E8400-E29B-41D4-A716-446655440000 | /users/{id}/orders/{uuid}",
            "/blobs/d41d8cd98f00b204e9800998ecf8427e               | /blobs/{hash}",
            "/commits/9fceb02d0ae598e95dc970b74767f19372d61af8     | /commits/{hash}",
            "/objects/DEADBEEF00112233                             | /objects/{hash}",
            "/reports/2024-01-31                                   | /reports/{id}",
            "/slots/10:30                                          | /slots/{id}",
            "/orders/123.json                                      | /orders/{id}.json",
            "/img/550e8400-e29b-41d4-a716-446655440000.png         | /img/{uuid}.png",
            "/reset/eyJhbGciOiJIUzI1NiJ9xyzABC                     | /reset/{token}",
            "/invite/aZbYcXdWeVfUgThSiRjQkP                        | /invite/{token}",
            "/orders/ORD-2024-000123                               | /orders/{token}",
            "/items/item-12345                                     | /items/{token}",
            "/p/ab12cd34                                           | /p/{token}",
            "/search/q=shoes                                       | /search/{token}",
            "/files/my%20report.pdf                                | /files/{token}",
            "/users/alice@example.com                              | /users/{token}",
            "/tags/red,green                                       | /tags/{token}",
            "/wiki/Zürich                                          | /wiki/{token}",
            "/a+b                                                  | /{token}",
            // Letters and digits mixed as ids mix them, whatever their length.
            "/users/order123                                       | /users/{id}",
            "/users/u17WRxsf/z976                                  | /users/{id}/{id}",
            "/users/x976                                           | /users/{id}",
            "/v1/customers/cus_NffrFeUfNV2Hib                      | /v1/customers/{id}",
            "/commits/7c5ddbd                                      | /commits/{hash}",
            "/nodes/ip-10-0-1-23.ec2.internal                      | /nodes/{token}",
            "/nodes/ip-10-0-1-23                                   | /nodes/{token}",
            "/nodes/node-1-2-3                                     | /nodes/{id}",
            "/releases/v1.2.3                                      | /releases/{id}",
            "/t/9s6XKzkN                                           | /t/{id}",
    })
    void replacesValueSegments(String path, String route) {
        assertThat(normalize(path)).isEqualTo(route);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "/",
            "/api/v2/users",
            "/health",
            "/orders.json",
            "/v1/things:batchGet",
            "/static/app-main.css",
            "/oauth2/authorize",
            "/getUserAccountSettingsForAdmin",
            "/how-to-bake-bread-at-home-in-a-hurry",
            "/acceptedfeedback",
    })
    void keepsRouteWords(String path) {
        assertThat(normalize(path)).isEqualTo(path);
    }

    @Test
    void returnsAPathThatIsAlreadyARouteWithoutCopyingIt() {
        String plain = "/api/users/health";
        String withDigits = "/api/v2/orders";
        assertThat(normalize(plain)).isSameAs(plain);
        assertThat(normalize(withDigits)).isSameAs(withDigits);
    }

    @Test
    void returnsEveryPlainPathUnchangedAndUncopied() {
        // the brief's fast path: no digit, no segment longer than 20, no special character
        Random random = new Random(7);
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_.";
        for (int n = 0; n < 10_000; n++) {
            StringBuilder path = new StringBuilder();
            int segments = 1 + random.nextInt(RouteNormalizer.MAX_SEGMENTS);
            for (int s = 0; s < segments; s++) {
                path.append('/');
                int length = 1 + random.nextInt(20);
                for (int c = 0; c < length; c++) {
                    path.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            String plain = path.toString();
            assertThat(normalize(plain)).isSameAs(plain);
        }
    }

    @Test
    void cutsTheQueryStringAndFragment() {
        assertThat(normalize("/search?q=secret&token=abc")).isEqualTo("/search");
        assertThat(normalize("/users/42?expand=orders")).isEqualTo("/users/{id}");
        assertThat(normalize("/docs#section-2")).isEqualTo("/docs");
        assertThat(normalize("?q=1")).isEqualTo("/");
        assertThat(normalize("/a/?b")).isEqualTo("/a");
    }

    @Test
    void dropsPathParameters() {
        assertThat(normalize("/cart;jsessionid=0123456789ABCDEF")).isEqualTo("/cart");
        assertThat(normalize("/a;x=1/b")).isEqualTo("/a/b");
        assertThat(normalize("/;x=1")).isEqualTo("/");
    }

    @Test
    void normalisesSlashes() {
        assertThat(normalize("//users///42//")).isEqualTo("/users/{id}");
        assertThat(normalize("users/42")).isEqualTo("/users/{id}");
        assertThat(normalize("users")).isEqualTo("/users");
        assertThat(normalize("/users/")).isEqualTo("/users");
        assertThat(normalize("///")).isEqualTo("/");
        assertThat(normalize("")).isEqualTo("/");
        assertThat(normalize(null)).isEqualTo("/");
    }

    @Test
    void keepsAtMostEightSegments() {
        assertThat(normalize("/a/b/c/d/e/f/g/h")).isEqualTo("/a/b/c/d/e/f/g/h");
        assertThat(normalize("/a/b/c/d/e/f/g/h/i")).isEqualTo("/a/b/c/d/e/f/g/h/...");
        assertThat(normalize("/a/b/c/d/e/f/g/h/1/2/3/4/5/6")).isEqualTo("/a/b/c/d/e/f/g/h/...");
        assertThat(normalize("/a/b/c/d/e/f/g/h/")).isEqualTo("/a/b/c/d/e/f/g/h");
    }

    @Test
    void replacesOverlongSegments() {
        String word = "a".repeat(65);
        assertThat(normalize("/x/" + word)).isEqualTo("/x/{token}");
        assertThat(normalize("/x/" + "a".repeat(64))).isEqualTo("/x/" + "a".repeat(64));
    }

    @Test
    void boundsTheOutputLength() {
        String path = ("/" + "b".repeat(64)).repeat(20) + "?" + "q".repeat(10_000);
        assertThat(normalize(path).length()).isLessThanOrEqualTo(8 * 65 + 4);
    }

    @Test
    void turnsOneHundredThousandRandomPathsIntoAFewRoutes() {
        Random random = new Random(42);
        String[] words = {"users", "orders", "items", "api", "v2", "files", "reset"};
        Set<String> routes = new HashSet<>();
        for (int n = 0; n < 100_000; n++) {
            String path = switch (n % 8) {
                case 0 -> "/users/" + random.nextInt(Integer.MAX_VALUE) + "/orders/" + UUID.randomUUID();
                case 1 -> "/api/v2/items/" + hex(random, 16 + random.nextInt(48));
                case 2 -> "/reset/" + token(random, 21 + random.nextInt(40));
                case 3 -> "/files/" + (random.nextLong() & Long.MAX_VALUE) + ".json";
                case 4 -> "/" + words[random.nextInt(words.length)] + "/" + random.nextInt(1_000_000);
                case 5 -> "//users//" + random.nextInt(1000) + "/?session=" + token(random, 30);
                case 6 -> "/orders/" + (2000 + random.nextInt(50)) + "-" + (10 + random.nextInt(3)) + "-" + (10 + random.nextInt(20));
                default -> "/users/" + UUID.randomUUID().toString().toUpperCase() + ";jsessionid=" + token(random, 24);
            };
            routes.add(normalize(path));
        }
        assertThat(routes).containsExactlyInAnyOrder(
                "/users/{id}/orders/{uuid}",
                "/api/v2/items/{hash}",
                "/reset/{token}",
                "/files/{id}.json",
                "/users/{id}", "/orders/{id}", "/items/{id}", "/api/{id}", "/v2/{id}", "/files/{id}", "/reset/{id}",
                "/users/{uuid}");
    }

    /**
     * Route shapes of well-known APIs (GitHub, Stripe, Kubernetes, cloud and auth endpoints) with their
     * words kept: versions, protocols, algorithms and numeronyms are route words, not ids.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "/repos/octocat/hello-world/pulls/1347/reviews       | /repos/octocat/hello-world/pulls/{id}/reviews",
            "/repos/octocat/hello-world/git/commits/7638417db6d59f3c431d3e1f261cc637155684cd | /repos/octocat/hello-world/git/commits/{hash}",
            "/repos/octocat/hello-world/actions/runs/30433642/jobs | /repos/octocat/hello-world/actions/runs/{id}/jobs",
            "/v1/payment_intents/pi_3MtwBwLkdIwHu7ix28a3tqPa/confirm | /v1/payment_intents/{token}/confirm",
            "/v1/charges/ch_3MmlLrLkdIwHu7ix0snN0B15               | /v1/charges/{token}",
            "/v1/billing_portal/configurations                     | /v1/billing_portal/configurations",
            "/api/v1/namespaces/kube-system/pods/coredns-5d78c9869d-8fxq2/log | /api/v1/namespaces/kube-system/pods/{token}/log",
            "/apis/batch/v1beta1/namespaces/default/cronjobs       | /apis/batch/v1beta1/namespaces/default/cronjobs",
            "/apis/networking.k8s.io/v1/ingresses                  | /apis/networking.k8s.io/v1/ingresses",
            "/apis/autoscaling/v2/horizontalpodautoscalers         | /apis/autoscaling/v2/horizontalpodautoscalers",
            "/oauth2/v2/token                                      | /oauth2/v2/token",
            "/s3/buckets/x86_64/sha256                             | /s3/buckets/x86_64/sha256",
            "/certs/x509/ed25519                                   | /certs/x509/ed25519",
            "/i18n/l10n/a11y/e2e                                   | /i18n/l10n/a11y/e2e",
            "/auth/2fa/setup                                       | /auth/2fa/setup",
            "/media/mp4/h264/page2                                 | /media/mp4/h264/page2",
            "/api/ipv6/utf8/base64                                 | /api/ipv6/utf8/base64",
            "/products/iphone-15-pro                               | /products/iphone-15-pro",
    })
    void keepsTheWordsOfRealApisAndCollapsesTheirIds(String path, String route) {
        assertThat(normalize(path)).isEqualTo(route);
    }

    /** Every route of the example apps, requested with real ids: none is collapsed wrongly. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "/health | /health", "/items | /items", "/items/7 | /items/{id}", "/orders | /orders",
            "/orders/batch | /orders/batch", "/orders/recent | /orders/recent", "/orders/recent-fast | /orders/recent-fast",
            "/search | /search", "/report | /report", "/slow | /slow", "/bad-sql | /bad-sql", "/boom | /boom",
            "/products | /products", "/products/12 | /products/{id}", "/signup | /signup", "/admin/faults | /admin/faults",
            "/cart/42/items | /cart/{id}/items", "/checkout | /checkout",
    })
    void keepsEveryRouteOfTheExampleApps(String path, String route) {
        assertThat(normalize(path)).isEqualTo(route);
    }

    /** Ids in the alphabets APIs draw them from: none is ever taken for a word. */
    @Test
    void collapsesRandomTokensOfAnyLength() {
        Random random = new Random(7);
        String[] alphabets = {"0123456789abcdef", "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
            "0123456789abcdefghijklmnopqrstuvwxyz", "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"};
        int tried = 0;
        for (int n = 0; n < 100_000; n++) {
            String alphabet = alphabets[n % alphabets.length];
            int length = 6 + random.nextInt(40);
            StringBuilder token = new StringBuilder(length);
            while (token.length() < length) {
                token.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String text = token.toString();
            long digits = text.chars().filter(Character::isDigit).count();
            long letters = text.chars().filter(Character::isLetter).count();
            if (digits < 3 || letters == 0) {
                // Words end in one or two digits ("oauth2", "win64", "covid19"): a token of that shape is
                // one too. Digits alone are an {id} anyway.
                continue;
            }
            tried++;
            assertThat(normalize("/x/" + text)).as(text).isNotEqualTo("/x/" + text);
        }
        assertThat(tried).isGreaterThan(50_000);
    }

    private static String hex(Random random, int length) {
        StringBuilder hex = new StringBuilder(length);
        hex.append((char) ('0' + random.nextInt(10))); // real hashes never lack digits; see classify
        while (hex.length() < length) {
            hex.append("0123456789abcdef".charAt(random.nextInt(16)));
        }
        return hex.toString();
    }

    /** Base64url, the alphabet of session ids, reset tokens and JWTs. */
    private static String token(Random random, int length) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        StringBuilder token = new StringBuilder(length);
        while (token.length() < length) {
            token.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return token.toString();
    }
}
