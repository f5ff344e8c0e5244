package dev.vigil.it.apps.jpa;

import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * One read-only transaction per call (open-in-view is off), so lazy collections load inside it and each
 * call takes exactly one connection from the pool.
 */
@Service
@Transactional(readOnly = true)
public class OwnerService {

    /** An owner with how many pets it has. */
    public record OwnerPets(long id, String name, int pets) {
    }

    /** An owner without its pets. */
    public record OwnerView(long id, String name) {
    }

    private final OwnerRepository owners;

    public OwnerService(OwnerRepository owners) {
        this.owners = owners;
    }

    /** The classic N+1: one SELECT for the owners, then one more per owner when its lazy pets are touched. */
    public List<OwnerPets> petsLazily() {
        return owners.findAll().stream()
                .map(owner -> new OwnerPets(owner.getId(), owner.getName(), owner.getPets().size()))
                .toList();
    }

    /** The same answer from one SELECT with a join fetch. */
    public List<OwnerPets> petsFetched() {
        return owners.findAllWithPets().stream()
                .map(owner -> new OwnerPets(owner.getId(), owner.getName(), owner.getPets().size()))
                .toList();
    }

    /** One SELECT by primary key; the pets are never touched. */
    public Optional<OwnerView> owner(long id) {
        return owners.findById(id).map(owner -> new OwnerView(owner.getId(), owner.getName()));
    }
}
