package dev.vigil.examples.shop.customers;

import dev.vigil.examples.shop.NotFoundException;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the other modules may ask of the customers module. The {@code shop_customer} table is this module's:
 * the others come here instead of reading it (Vigil's data ownership counts it when they do not).
 */
@Service
@Transactional
public class Customers {

    private final CustomerRepository customers;

    public Customers(CustomerRepository customers) {
        this.customers = customers;
    }

    public Customer add(String name, String email) {
        return customers.save(new Customer(name, email));
    }

    /** The customer, or a 404 for an unknown id. */
    @Transactional(readOnly = true)
    public Customer require(long id) {
        return customers.findById(id).orElseThrow(() -> new NotFoundException("customer", id));
    }

    @Transactional(readOnly = true)
    public boolean exists(long id) {
        return customers.existsById(id);
    }

    /** The names of these customers by id, in one statement. */
    @Transactional(readOnly = true)
    public Map<Long, String> names(Collection<Long> ids) {
        return customers.findAllById(ids).stream().collect(Collectors.toMap(Customer::getId, Customer::getName));
    }
}
