# The application profiles of the overhead benchmarks (run.sh, interleaved.sh), sourced by them. Sets, for
# APP (guessed from APP_JAR when unset): APP_JAR, URLS (unless set), ready_path, build_modules, and the
# functions port_option PORT (JVM options) and port_argument PORT (program arguments).
# shellcheck shell=bash
shop_jar=examples/shop/target/vigil-shop.jar
httpserver_jar=examples/httpserver-app/target/httpserver-app.jar

if [ -z "${APP:-}" ]; then
  case "${APP_JAR:-}" in
    *shop*) APP=shop ;;
    *quarkus*) APP=quarkus ;;
    *webflux*) APP=webflux ;;
    *spring-app*) APP=servlet ;;
    *ktor*) APP=ktor ;;
    "") if [ -f "$shop_jar" ]; then APP=shop; else APP=httpserver; fi ;;
    *) APP=httpserver ;;
  esac
fi
# An app profile: how to give the app its port, when it is ready, and what load it gets.
# Each mix has a templated route (/items/{id}, /products/{id}) and routes that query the database.
case "$APP" in
  httpserver)
    APP_JAR=${APP_JAR:-$httpserver_jar}
    # Without TCP_NODELAY the JDK HttpServer's keep-alive responses wait for the client's delayed
    # ACK (40 ms), and throughput would measure a TCP timer instead of the app.
    port_option() { echo "-Dapp.port=$1 -Dsun.net.httpserver.nodelay=true"; }    # JVM options
    port_argument() { :; }
    ready_path=/items
    URLS=${URLS:-/items/1 /items/2 /items /items/3 /items/4 /search?q=desk /items/5 /health}
    build_modules=agent,examples/httpserver-app
    ;;
  shop)
    APP_JAR=${APP_JAR:-$shop_jar}
    port_option() { :; }
    port_argument() { echo "--server.port=$1"; }   # a Spring Boot argument
    ready_path=/products
    URLS=${URLS:-/products/1 /products/2 /products /products/3}
    build_modules=agent,examples/shop
    ;;
  quarkus)
    # A Quarkus REST app in Quarkus' own packaging (integration-tests/apps/quarkus-app): the framework that
    # chooses the JVM's LogManager itself, and loads about 2,600 classes before its first answer.
    APP_JAR=${APP_JAR:-integration-tests/apps/quarkus-app/target/quarkus-app/quarkus-run.jar}
    port_option() { echo "-Dquarkus.http.port=$1"; }
    port_argument() { :; }
    ready_path=/hello
    URLS=${URLS:-/hello /orders/1 /orders/2/status /hello /orders/3}
    build_modules=agent,integration-tests/apps/quarkus-app
    ;;
  servlet|webflux)
    # The same trivial templated route (/status/{code}) on Spring MVC over Tomcat and on Spring WebFlux over
    # Reactor Netty: what the agent adds per request on a servlet server against a reactive one.
    if [ "$APP" = servlet ]; then
      APP_JAR=${APP_JAR:-integration-tests/apps/spring-app/target/spring-app.jar}
      build_modules=agent,integration-tests/apps/spring-app
    else
      APP_JAR=${APP_JAR:-integration-tests/apps/webflux-app/target/webflux-app.jar}
      build_modules=agent,integration-tests/apps/webflux-app
    fi
    port_option() { :; }
    port_argument() { echo "--server.port=$1"; }
    ready_path=/status/200
    URLS=${URLS:-/status/200}
    ;;
  ktor)
    # Ktor 3 on its Netty engine (integration-tests/apps/ktor-app): a coroutine per request, which the agent follows
    # with a continuation and a coroutine context element of its own.
    APP_JAR=${APP_JAR:-integration-tests/apps/ktor-app/target/ktor-app.jar}
    port_option() { :; }
    port_argument() { echo "$1 netty"; }
    ready_path=/orders/1
    URLS=${URLS:-/orders/1 /orders/2 /orders/3 /orders/4}
    build_modules=agent,integration-tests/apps/ktor-app
    ;;
  *) echo "APP must be httpserver, shop, quarkus, servlet, webflux or ktor, got '$APP'" >&2; exit 2 ;;
esac
