package dev.vigil.agent.jdbc.explain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SqlColumnsTest {

    @Test
    void anEqualityFilterIsTheIndex() {
        assertThat(SqlColumns.of("SELECT COUNT(*) FROM events WHERE kind = ?").suggestIndex("events"))
                .isEqualTo("CREATE INDEX events_kind_idx ON events (kind)");
    }

    @Test
    void equalityColumnsComeBeforeTheRangeAndTheRangeBeforeNothingElse() {
        SqlColumns columns = SqlColumns.of("SELECT id FROM events WHERE created_at > ? AND kind = ? AND tenant IN (?) ORDER BY id");
        assertThat(columns.indexColumns("events")).containsExactly("kind", "tenant", "created_at");
    }

    @Test
    void withoutARangeTheOrderByColumnsFollow() {
        assertThat(SqlColumns.of("SELECT id FROM events WHERE kind = ? ORDER BY created_at DESC LIMIT ?").indexColumns("events"))
                .containsExactly("kind", "created_at");
    }

    @Test
    void aliasesOfAnOrmAreResolvedToTheirTable() {
        String hibernate = "select e1_0.id,e1_0.kind from events e1_0 join users u1_0 on u1_0.id=e1_0.user_id"
                + " where u1_0.email=? and e1_0.kind=?";
        SqlColumns columns = SqlColumns.of(hibernate);
        assertThat(columns.indexColumns("events")).containsExactly("user_id", "kind");
        assertThat(columns.indexColumns("users")).containsExactly("id", "email");
        assertThat(columns.tableFor("e1_0")).isEqualTo("events");
        assertThat(columns.tableFor("EVENTS")).isEqualTo("events");
    }

    @Test
    void aBareColumnBelongsToTheOnlyTableOnly() {
        assertThat(SqlColumns.of("SELECT a.x FROM a, b WHERE kind = ?").indexColumns("a")).isEmpty();
        assertThat(SqlColumns.of("SELECT \"KIND\" FROM \"PUBLIC\".\"EVENTS\" WHERE \"KIND\" = ?").suggestIndex("\"PUBLIC\".\"EVENTS\""))
                .isEqualTo("CREATE INDEX events_kind_idx ON \"PUBLIC\".\"EVENTS\" (KIND)");
    }

    @Test
    void columnsInsideASubqueryAreNotTheOuterTables() {
        assertThat(SqlColumns.of("SELECT id FROM events WHERE id IN (SELECT event_id FROM tags WHERE name = ?)")
                .indexColumns("events")).containsExactly("id");
    }

    @Test
    void nothingToSuggestWithoutAFilterOrAnOrder() {
        assertThat(SqlColumns.of("SELECT COUNT(*) FROM events").suggestIndex("events")).isNull();
    }

    @Test
    void onlyASingleSelectIsEverExplained() {
        assertThat(IndexAudit.isSelect("SELECT id FROM events WHERE kind = ?")).isTrue();
        assertThat(IndexAudit.isSelect("  /* page */ (select 1)")).isTrue();
        assertThat(IndexAudit.isSelect("select 1;")).isTrue();
        assertThat(IndexAudit.isSelect("DELETE FROM events WHERE kind = ?")).isFalse();
        assertThat(IndexAudit.isSelect("UPDATE events SET kind = ?")).isFalse();
        assertThat(IndexAudit.isSelect("SELECT 1; DELETE FROM events")).isFalse();
        assertThat(IndexAudit.isSelect("SELECT * INTO copy FROM events")).isFalse();
        assertThat(IndexAudit.isSelect("WITH d AS (DELETE FROM events RETURNING *) SELECT * FROM d")).isFalse();
        assertThat(IndexAudit.isSelect("selective_function()")).isFalse();
        assertThat(IndexAudit.isSelect("-- note\nSELECT 1")).isTrue();
    }
}
