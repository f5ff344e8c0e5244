package dev.vigil.it.apps.spring;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Routes behind Spring Security ({@link SecurityConfig}). */
@RestController
class SecureController {

    @GetMapping("/secure/orders/{orderId}")
    String order(@PathVariable("orderId") long orderId) {
        return "order " + orderId;
    }
}
