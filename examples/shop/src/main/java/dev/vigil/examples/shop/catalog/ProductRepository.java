package dev.vigil.examples.shop.catalog;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface ProductRepository extends JpaRepository<Product, Long> {

    List<Product> findAllByOrderByIdAsc();

    /**
     * Takes {@code quantity} out of stock if that many are left; returns 0 if not. One conditional UPDATE,
     * so two checkouts racing for the last item cannot both get it.
     */
    @Modifying(flushAutomatically = true)
    @Query("update Product p set p.stock = p.stock - :quantity where p.id = :id and p.stock >= :quantity")
    int takeFromStock(@Param("id") long id, @Param("quantity") int quantity);
}
