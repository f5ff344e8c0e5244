package dev.vigil.agent.jdbc.ownership;

import java.util.List;

/**
 * One module of the application as {@code vigil.yaml} declares it: its name, the package prefixes of its
 * code and the tables it owns (lower case, as {@code db_collection_name} spells them).
 *
 * @param where "vigil.yaml line 12", for messages
 */
public record Module(String name, List<String> packages, List<String> tables, String where) {
}
