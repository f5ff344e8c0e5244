package dev.vigil.it.apps.clients;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import io.netty.channel.ChannelOption;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.OkHttpClient;
import okhttp3.Response;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.util.Timeout;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.client.ReactorClientHttpRequestFactory;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;
import org.springframework.web.client.RestTemplate;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;

/**
 * One of each client, each with a short response timeout (one second; Apache 5's three), so a silent upstream fails fast. Every
 * method makes exactly one logical call and returns its status; an error status is a status, not an
 * exception.
 */
final class Clients {
    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    /**
     * Apache HttpClient 5 retries a 503 after its default one-second interval, and that retry must not run
     * into the response timeout on a busy machine: its clients wait longer.
     */
    private static final Duration APACHE5_TIMEOUT = Duration.ofSeconds(3);

    private final HttpClient jdk = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final RequestConfig apache5Config = RequestConfig.custom()
            .setResponseTimeout(Timeout.of(APACHE5_TIMEOUT)).setConnectionRequestTimeout(Timeout.of(APACHE5_TIMEOUT)).build();
    private final CloseableHttpClient apache5 = HttpClients.custom().setDefaultRequestConfig(apache5Config).build();
    private final CloseableHttpAsyncClient apache5Async = HttpAsyncClients.custom()
            .setDefaultRequestConfig(apache5Config).build();
    private final org.apache.http.impl.client.CloseableHttpClient apache4 = org.apache.http.impl.client.HttpClients.custom()
            .setDefaultRequestConfig(org.apache.http.client.config.RequestConfig.custom()
                    .setSocketTimeout((int) TIMEOUT.toMillis()).setConnectTimeout((int) TIMEOUT.toMillis()).build())
            .build();
    private final OkHttpClient okhttp = new OkHttpClient.Builder()
            .readTimeout(TIMEOUT).connectTimeout(TIMEOUT).retryOnConnectionFailure(false).build();
    private final reactor.netty.http.client.HttpClient reactorNetty = reactor.netty.http.client.HttpClient.create()
            .responseTimeout(TIMEOUT).option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) TIMEOUT.toMillis());
    private final WebClient webClient = WebClient.builder().clientConnector(new ReactorClientHttpConnector(reactorNetty)).build();
    private final ReactorClientHttpRequestFactory springOverReactor = new ReactorClientHttpRequestFactory(reactorNetty);

    Clients() {
        apache5Async.start();
    }

    int call(String client, String url) throws Exception {
        return switch (client) {
            case "jdk-send" -> jdk.send(jdkRequest(url), HttpResponse.BodyHandlers.discarding()).statusCode();
            case "jdk-send-async" -> jdk.sendAsync(jdkRequest(url), HttpResponse.BodyHandlers.discarding())
                    .get(10, TimeUnit.SECONDS).statusCode();
            case "url-connection" -> urlConnection(url);
            case "apache5" -> apache5.execute(new HttpGet(url), response -> response.getCode());
            case "apache5-async" -> apache5Async.execute(SimpleRequestBuilder.get(url).build(), null)
                    .get(10, TimeUnit.SECONDS).getCode();
            case "apache4" -> apache4(url);
            case "okhttp" -> {
                try (Response response = okhttp.newCall(new okhttp3.Request.Builder().url(url).build()).execute()) {
                    yield response.code();
                }
            }
            case "okhttp-enqueue" -> okhttpEnqueue(url);
            case "spring-restclient-jdk" -> restClient(RestClient.builder().requestFactory(springOverJdk()).build(), url);
            case "spring-resttemplate-url-connection" -> restTemplate(url);
            case "spring-restclient-apache5" -> restClient(RestClient.builder()
                    .requestFactory(new HttpComponentsClientHttpRequestFactory(apache5)).build(), url);
            case "reactor-netty" -> reactorNetty.get().uri(url)
                    .responseSingle((response, body) -> body.asString().defaultIfEmpty("").thenReturn(response.status().code()))
                    .block(Duration.ofSeconds(10));
            // The application gives up first (Reactor's timeout operator): the call is cancelled, not failed.
            case "reactor-netty-cancelled" -> reactorNetty.responseTimeout(Duration.ofSeconds(30)).get().uri(url)
                    .responseSingle((response, body) -> body.asString().defaultIfEmpty("").thenReturn(response.status().code()))
                    .timeout(Duration.ofMillis(300))
                    .block(Duration.ofSeconds(10));
            case "spring-webclient" -> webClient(url);
            case "spring-restclient-reactor" -> restClient(RestClient.builder().requestFactory(springOverReactor).build(), url);
            case "spring-resttemplate-reactor" -> restTemplate(new RestTemplate(springOverReactor), url);
            default -> throw new IllegalArgumentException("no client " + client);
        };
    }

    private JdkClientHttpRequestFactory springOverJdk() {
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(jdk);
        factory.setReadTimeout(TIMEOUT); // Spring sets its own per-request timeout
        return factory;
    }

    private static HttpRequest jdkRequest(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).GET().build();
    }

    private static int urlConnection(String url) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
        connection.setConnectTimeout((int) TIMEOUT.toMillis());
        connection.setReadTimeout((int) TIMEOUT.toMillis());
        try {
            return connection.getResponseCode();
        } finally {
            connection.disconnect();
        }
    }

    private int apache4(String url) throws IOException {
        try (org.apache.http.client.methods.CloseableHttpResponse response =
                     apache4.execute(new org.apache.http.client.methods.HttpGet(url))) {
            return response.getStatusLine().getStatusCode();
        }
    }

    private int okhttpEnqueue(String url) throws Exception {
        CompletableFuture<Integer> status = new CompletableFuture<>();
        okhttp.newCall(new okhttp3.Request.Builder().url(url).build()).enqueue(new Callback() {
            @Override
            public void onResponse(Call call, Response response) {
                try (response) {
                    status.complete(response.code());
                }
            }

            @Override
            public void onFailure(Call call, IOException e) {
                status.completeExceptionally(e);
            }
        });
        return status.get(10, TimeUnit.SECONDS);
    }

    private static int restClient(RestClient client, String url) {
        try {
            return client.get().uri(url).retrieve().toBodilessEntity().getStatusCode().value();
        } catch (RestClientResponseException e) {
            return e.getStatusCode().value();
        }
    }

    private static int restTemplate(String url) {
        SimpleClientHttpRequestFactory factory = new SimpleClientHttpRequestFactory();
        factory.setConnectTimeout(TIMEOUT);
        factory.setReadTimeout(TIMEOUT);
        return restTemplate(new RestTemplate(factory), url);
    }

    private static int restTemplate(RestTemplate template, String url) {
        try {
            HttpStatusCode status = template.getForEntity(url, String.class).getStatusCode();
            return status.value();
        } catch (RestClientResponseException e) {
            return e.getStatusCode().value();
        }
    }

    private int webClient(String url) {
        try {
            return webClient.get().uri(java.net.URI.create(url)).retrieve().toBodilessEntity()
                    .block(Duration.ofSeconds(10)).getStatusCode().value();
        } catch (WebClientResponseException e) {
            return e.getStatusCode().value();
        }
    }
}
