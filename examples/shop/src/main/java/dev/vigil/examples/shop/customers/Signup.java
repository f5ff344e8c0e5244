package dev.vigil.examples.shop.customers;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * New customers. Its log line {@code User <id> signed up} is the business event {@code signup.completed}
 * in {@code vigil.yaml}: the agent counts the line itself, no code change. The line names the new
 * customer's id, never the email.
 */
@Service
public class Signup {

    private static final Logger log = LoggerFactory.getLogger(Signup.class);

    private final CustomerRepository customers;

    public Signup(CustomerRepository customers) {
        this.customers = customers;
    }

    public Customer signUp(String name, String email) {
        Customer customer = customers.save(new Customer(name, email));
        log.info("User {} signed up", customer.getId());
        return customer;
    }
}
