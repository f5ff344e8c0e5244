package dev.vigil.examples.shop;

import dev.vigil.examples.shop.orders.OutOfStockException;
import dev.vigil.examples.shop.orders.PaymentDeclinedException;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The shop's expected failures as HTTP answers with a short JSON body. Anything else (see {@code /boom})
 * escapes to the servlet container as a 500, which is what an unexpected bug looks like.
 */
@RestControllerAdvice
public class ErrorResponses {

    @ExceptionHandler(IllegalArgumentException.class)
    public ResponseEntity<Map<String, String>> badRequest(IllegalArgumentException e) {
        return answer(HttpStatus.BAD_REQUEST, e);
    }

    @ExceptionHandler(NotFoundException.class)
    public ResponseEntity<Map<String, String>> notFound(NotFoundException e) {
        return answer(HttpStatus.NOT_FOUND, e);
    }

    @ExceptionHandler(OutOfStockException.class)
    public ResponseEntity<Map<String, String>> outOfStock(OutOfStockException e) {
        return answer(HttpStatus.CONFLICT, e);
    }

    /** The gateway, a server the shop depends on, said no: 502 Bad Gateway, a failed checkout in vigil.yaml. */
    @ExceptionHandler(PaymentDeclinedException.class)
    public ResponseEntity<Map<String, String>> paymentDeclined(PaymentDeclinedException e) {
        return answer(HttpStatus.BAD_GATEWAY, e);
    }

    private static ResponseEntity<Map<String, String>> answer(HttpStatus status, RuntimeException e) {
        return ResponseEntity.status(status).body(Map.of("error", status.getReasonPhrase(), "message", e.getMessage()));
    }
}
