package dev.vigil.agent.cli;

/** {@code java -jar vigil-agent.jar ...}: the agent's command line. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.out.println("Vigil agent. Attach it with -javaagent:vigil-agent.jar; metrics are served on :9464/metrics.");
        System.out.println("Configuration keys are listed in the README.");
    }
}
