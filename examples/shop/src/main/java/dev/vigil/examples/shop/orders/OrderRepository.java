package dev.vigil.examples.shop.orders;

import java.util.Collection;
import java.util.List;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface OrderRepository extends JpaRepository<ShopOrder, Long> {

    /** The newest orders, without their customer or lines (both lazy). */
    List<ShopOrder> findByOrderByIdDesc(Pageable page);

    /** The ids of the newest orders: a limit cannot be applied to a query that join-fetches a collection. */
    @Query("select o.id from ShopOrder o order by o.id desc")
    List<Long> newestIds(Pageable page);

    /** These orders with their customer and lines, in one statement. */
    @Query("select distinct o from ShopOrder o join fetch o.customer left join fetch o.lines"
            + " where o.id in :ids order by o.id desc")
    List<ShopOrder> findWithCustomerAndLines(@Param("ids") Collection<Long> ids);
}
