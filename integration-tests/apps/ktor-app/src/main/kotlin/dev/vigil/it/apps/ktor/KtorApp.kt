package dev.vigil.it.apps.ktor

import io.ktor.http.HttpStatusCode
import io.ktor.server.application.Application
import io.ktor.server.application.call
import io.ktor.server.application.install
import io.ktor.server.cio.CIO
import io.ktor.server.engine.embeddedServer
import io.ktor.server.netty.Netty
import io.ktor.server.plugins.statuspages.StatusPages
import io.ktor.server.response.respondText
import io.ktor.server.routing.get
import io.ktor.server.routing.header
import io.ktor.server.routing.post
import io.ktor.server.routing.route
import io.ktor.server.routing.routing
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.delay
import kotlinx.coroutines.withContext
import java.sql.DriverManager
import org.slf4j.LoggerFactory

private val LOG = LoggerFactory.getLogger("dev.vigil.it.apps.ktor.KtorApp")

/**
 * Ktor 3: `java -jar ktor-app.jar PORT [netty|cio]`, on the engine named (Netty by default). Prints
 * `ktor-app listening` once it serves.
 */
fun main(args: Array<String>) {
    val port = args[0].toInt()
    val server = when (args.getOrElse(1) { "netty" }) {
        "cio" -> embeddedServer(CIO, port = port, host = "127.0.0.1", module = Application::routes)
        else -> embeddedServer(Netty, port = port, host = "127.0.0.1", module = Application::routes)
    }
    server.start(wait = false)
    println("ktor-app listening")
    Thread.currentThread().join()
}

private const val DATABASE = "jdbc:h2:mem:ktor;DB_CLOSE_DELAY=-1"

private fun lines(order: Long): Int {
    DriverManager.getConnection(DATABASE).use { connection ->
        connection.createStatement().use { it.execute("CREATE TABLE IF NOT EXISTS line(order_id BIGINT, n INT)") }
        connection.prepareStatement("INSERT INTO line(order_id, n) VALUES (?, ?)").use {
            it.setLong(1, order)
            it.setInt(2, 1)
            it.executeUpdate()
        }
        connection.prepareStatement("SELECT COUNT(*) FROM line WHERE order_id = ?").use {
            it.setLong(1, order)
            it.executeQuery().use { rows -> rows.next(); return rows.getInt(1) }
        }
    }
}

fun Application.routes() {
    install(StatusPages) {
        exception<IllegalArgumentException> { call, _ ->
            call.respondText("missing", status = HttpStatusCode.NotFound)
        }
    }
    routing {
        route("/orders") {
            get("/{id}") { call.respondText("order " + call.parameters["id"]) }
            post { call.respondText("created", status = HttpStatusCode.Created) }
            get("/{id}/invalid") { call.respondText("invalid", status = HttpStatusCode.BadRequest) }
        }
        get("/fail") { throw IllegalStateException("the handler failed") }
        get("/missing/{name}") { throw IllegalArgumentException("no such thing") }
        get("/traced") {
            LOG.info("traced request answered")
            call.respondText("traced")
        }
        // Logs after its coroutine has suspended and moved to another dispatcher's thread.
        get("/traced-later") {
            delay(20)
            withContext(Dispatchers.IO) { LOG.info("traced after suspending") }
            call.respondText("traced later")
        }
        // Three statements on another dispatcher's thread, after the coroutine suspended: each counted to the request.
        get("/orders/{id}/lines") {
            delay(5)
            val lines = withContext(Dispatchers.IO) { lines(call.parameters["id"]!!.toLong()) }
            call.respondText("lines $lines")
        }
        route("/api") {
            header("X-Version", "2") {
                get("/items/{itemId}") { call.respondText("item " + call.parameters["itemId"]) }
            }
        }
        // Answers after the coroutine has slept: the request ends when the handler does, not when it first suspends.
        get("/slow/{millis}") {
            delay(call.parameters["millis"]!!.toLong())
            call.respondText("slow")
        }
    }
}
