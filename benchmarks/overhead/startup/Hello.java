/** The smallest application: what an agent adds to its run time is the agent's start-up. */
public final class Hello {
    public static void main(String[] args) {
        System.out.println("hello");
    }
}
