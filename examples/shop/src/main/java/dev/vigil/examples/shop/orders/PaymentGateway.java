package dev.vigil.examples.shop.orders;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The shop's side of the payment provider: one {@code POST /authorize} over HTTP per payment, with the
 * JDK's HTTP client, so the agent shows the provider as a dependency and its time on {@code POST /checkout}.
 */
@Component
public class PaymentGateway {

    /** The methods the shop takes. Also the values of the {@code method} attribute of its events: a short fixed list. */
    public static final List<String> METHODS = List.of("card", "paypal", "invoice");

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
    private final URI authorize;

    public PaymentGateway(PaymentProvider provider) {
        this.authorize = URI.create(provider.baseUrl() + "/authorize");
    }

    /** Authorizes {@code amountCents} by {@code method}; throws {@link PaymentDeclinedException} when declined. */
    public void authorize(String method, long amountCents) {
        HttpRequest request = HttpRequest.newBuilder(authorize)
                .timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("method=" + method + "&amountCents=" + amountCents))
                .build();
        int status;
        try {
            status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new PaymentDeclinedException(method, "payment provider unreachable");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PaymentDeclinedException(method, "interrupted");
        }
        if (status != 200) {
            throw new PaymentDeclinedException(method, status == 402 ? "declined by the payment gateway"
                    : "payment provider answered " + status);
        }
    }
}
