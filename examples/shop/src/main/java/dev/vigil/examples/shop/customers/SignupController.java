package dev.vigil.examples.shop.customers;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /signup} with {@code name} and {@code email} (JSON or a form): 201 with the new customer's id. */
@RestController
public class SignupController {

    public record SignupRequest(String name, String email) {
    }

    public record SignedUp(long customerId) {
    }

    private final Signup signup;

    public SignupController(Signup signup) {
        this.signup = signup;
    }

    @PostMapping(path = "/signup", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    public SignedUp signUpJson(@RequestBody SignupRequest request) {
        return signUp(request);
    }

    @PostMapping("/signup")
    @ResponseStatus(HttpStatus.CREATED)
    public SignedUp signUp(@ModelAttribute SignupRequest request) {
        String name = request.name() == null ? "" : request.name().strip();
        String email = request.email() == null ? "" : request.email().strip();
        if (name.isEmpty() || name.length() > 100) {
            throw new IllegalArgumentException("name: expected 1 to 100 characters");
        }
        if (email.length() > 200 || email.indexOf('@') < 1) {
            throw new IllegalArgumentException("email: expected an address such as ada@example.com");
        }
        return new SignedUp(signup.signUp(name, email).getId());
    }
}
