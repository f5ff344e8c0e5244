package dev.vigil.agent.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import fixture.HeaderFixtures.AStatement;
import fixture.HeaderFixtures.Dao;
import fixture.HeaderFixtures.QueryHelper;
import fixture.HeaderFixtures.StatementBase;
import fixture.HeaderFixtures.StatementOnBase;
import net.bytebuddy.description.type.TypeDescription;
import org.junit.jupiter.api.Test;

class JdbcInstrumentationTest {

    @Test
    void aBaseClassDeclaringTheStatementMethodsIsAStatementBase() {
        assertThat(JdbcInstrumentation.STATEMENT_BASE.matches(TypeDescription.ForLoadedType.of(StatementBase.class))).isTrue();
    }

    @Test
    void statementsThemselvesAndTheirCallersAreNot() {
        assertThat(JdbcInstrumentation.STATEMENT_BASE.matches(TypeDescription.ForLoadedType.of(StatementOnBase.class)))
                .as("a Statement: matched as one, with the methods it declares").isFalse();
        assertThat(JdbcInstrumentation.STATEMENT_BASE.matches(TypeDescription.ForLoadedType.of(AStatement.class))).isFalse();
        assertThat(JdbcInstrumentation.STATEMENT_BASE.matches(TypeDescription.ForLoadedType.of(Dao.class)))
                .as("calls executeQuery(String)").isFalse();
        assertThat(JdbcInstrumentation.STATEMENT_BASE.matches(TypeDescription.ForLoadedType.of(QueryHelper.class)))
                .as("a helper of the application's with a method of that name").isFalse();
    }
}
