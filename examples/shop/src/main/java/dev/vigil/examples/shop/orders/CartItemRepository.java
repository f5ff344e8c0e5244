package dev.vigil.examples.shop.orders;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface CartItemRepository extends JpaRepository<CartItem, Long> {

    List<CartItem> findByCustomerIdOrderByIdAsc(long customerId);

    Optional<CartItem> findByCustomerIdAndProductId(long customerId, long productId);
}
