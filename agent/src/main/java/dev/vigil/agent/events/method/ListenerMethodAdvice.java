package dev.vigil.agent.events.method;

import dev.vigil.agent.events.bridge.MethodHooks;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/** Inlined into a method an extension names: the extension's listener sees the receiver, arguments and result. */
public final class ListenerMethodAdvice {
    private ListenerMethodAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Object enter(@PointcutId int pointcut, @Advice.This(optional = true) Object self,
                               @Advice.AllArguments Object[] arguments) {
        return MethodHooks.SLOT.get().enter(pointcut, self, arguments);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@PointcutId int pointcut, @Advice.Enter Object call, @Advice.This(optional = true) Object self,
                            @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object returned,
                            @Advice.Thrown Throwable thrown) {
        MethodHooks.SLOT.get().returned(pointcut, call, self, returned, thrown);
    }
}
