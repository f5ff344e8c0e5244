package dev.vigil.it.apps.jpa;

import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /owners/pets}: the lazy-loading N+1 (1 + 15 statements); {@code /owners/pets-fetched}: its fix
 * (1 statement); {@code /owners/{id}}: one statement.
 */
@RestController
public class OwnersController {

    private final OwnerService service;

    public OwnersController(OwnerService service) {
        this.service = service;
    }

    @GetMapping("/owners/pets")
    public List<OwnerService.OwnerPets> petsLazily() {
        return service.petsLazily();
    }

    @GetMapping("/owners/pets-fetched")
    public List<OwnerService.OwnerPets> petsFetched() {
        return service.petsFetched();
    }

    @GetMapping("/owners/{id}")
    public ResponseEntity<OwnerService.OwnerView> owner(@PathVariable("id") long id) {
        return ResponseEntity.of(service.owner(id));
    }
}
