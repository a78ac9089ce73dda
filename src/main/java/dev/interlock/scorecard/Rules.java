package dev.interlock.scorecard;

import java.util.Map;
import java.util.Set;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.navigation.CelNavigableAst;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelEvaluationListener;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;

/**
 * Scorecard rules in CEL (the Common Expression Language Kubernetes uses for policies): compiled once and cached,
 * checked to return a boolean, evaluated in CEL's sandbox (no I/O, no side effects) with a cost budget: every
 * evaluation may visit at most {@link #MAX_STEPS} expression nodes (a comprehension's body counts once per item), so
 * no rule, however nested, can keep the scorer busy; a node reading or making a long value costs more in proportion to
 * its size ({@link #CHARS_PER_STEP}, {@link #ITEMS_PER_STEP}). One that runs out counts as not passed.
 */
public final class Rules {

    /** The variables a rule sees; see {@link Facts}. */
    static final String[] VARIABLES = {"entity", "owner", "maintainers", "relations", "pipeline", "facts", "runs"};

    private static final int MAX_ITERATIONS = 10_000;

    private static final CelCompiler COMPILER = compiler();
    private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder()
            .setOptions(CelOptions.current()
                    .comprehensionMaxIterations(MAX_ITERATIONS)
                    .build())
            .build();
    /** Compiled programs of registered rules; bounded, so that rules sent only to be checked cannot fill memory. */
    private static final int CACHED_PROGRAMS = 2_000;

    private static final Map<String, Compiled> PROGRAMS =
            java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>(256, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Compiled> eldest) {
                    return size() > CACHED_PROGRAMS;
                }
            });

    /** A rule ready to run, and which of the {@link #VARIABLES} it reads. */
    private record Compiled(CelRuntime.Program program, Set<String> reads) {}

    /** Longest text (or byte string) an evaluation may make: far more than any field of an entity holds. */
    static final int MAX_VALUE_SIZE = 4_000_000;
    /**
     * Characters (or bytes) of a text that cost one step more: a text of ordinary length costs nothing
     * extra, a description of a megabyte half the budget each time it is read.
     */
    static final int CHARS_PER_STEP = 100;
    /**
     * Items of a list or map that cost one step more. Fewer than characters, as CEL does not copy what map() and
     * filter() gather at each item (it is read again at each, and a rule over 1,000 relations must stay answered),
     * while a list made by + is a copy.
     */
    static final int ITEMS_PER_STEP = 1_000;
    /** Most items of a list or map an evaluation may make. */
    static final int MAX_ITEMS = 100_000;

    /** Longest rule accepted: a rule is a line or two, not a program. */
    public static final int MAX_LENGTH = 4_096;
    /** Most checks one scorecard may have. */
    public static final int MAX_CHECKS = 40;
    /**
     * Most expression nodes one evaluation may visit. The example rules visit under 300 on the largest example
     * pipeline; a rule over a list of 1,000 relations with a few conditions per item stays under it.
     */
    public static final int MAX_STEPS = 20_000;

    private Rules() {}

    private static CelCompiler compiler() {
        var builder = CelCompilerFactory.standardCelCompilerBuilder()
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                .setResultType(SimpleType.BOOL);
        for (String variable : VARIABLES) {
            builder.addVar(variable, SimpleType.DYN);
        }
        return builder.build();
    }

    /**
     * Why an expression is not a valid rule, as a clause ("it does not compile: " and the first line of CEL's
     * message), or {@code null} when it is.
     */
    public static String problem(String expression) {
        if (expression.length() > MAX_LENGTH) {
            return "it is longer than " + MAX_LENGTH + " characters";
        }
        Compiled compiled;
        try {
            compiled = compile(expression);
        } catch (UnsafePattern e) {
            return e.getMessage();
        } catch (IllegalArgumentException e) {
            return "it does not compile: " + e.getMessage();
        }
        return compiled.reads().isEmpty() ? constantProblem(compiled) : null;
    }

    /**
     * Why a rule that reads no variable fails, or {@code null}: its answer is the same for every entity, so a rule that
     * fails once ({@code 1 / 0 == 1}) would fail everywhere, and is refused when the scorecard is registered.
     */
    private static String constantProblem(Compiled compiled) {
        try {
            compiled.program().trace(Map.of(), new Budget());
            return null;
        } catch (CelEvaluationException | RuntimeException e) {
            return "it fails for every entity: " + firstLine(e);
        }
    }

    /**
     * A rule's answer for one entity.
     *
     * @param passed whether the rule answered yes
     * @param error why it could not answer (an error at run time, a spent budget, a stored rule no longer accepted),
     *     or {@code null} when it did
     */
    public record Answer(boolean passed, String error) {
        private static final Answer YES = new Answer(true, null);
        private static final Answer NO = new Answer(false, null);
    }

    /** Longest reason an {@link Answer} gives: the first line of CEL's message, which may quote an entity's value. */
    static final int MAX_ERROR_LENGTH = 300;

    /**
     * Evaluates a rule.
     *
     * @return the rule's answer; a rule that fails at run time (a missing key, a wrong type) counts as not passed
     */
    public static boolean test(String expression, Map<String, Object> variables) {
        return answer(expression, variables).passed();
    }

    /** Evaluates a rule, saying why when it could not answer (which counts as not passed). */
    public static Answer answer(String expression, Map<String, Object> variables) {
        Compiled compiled;
        try {
            compiled = compiled(expression);
        } catch (IllegalArgumentException e) {
            refusedOnce(expression, e.getMessage());
            return new Answer(false, bounded("the rule is no longer accepted: " + e.getMessage()));
        }
        try {
            Object result = compiled.program().trace(variables, new Budget());
            if (result instanceof Boolean yes) {
                return yes ? Answer.YES : Answer.NO;
            }
            // A rule reading a value of any type (an annotation, a label) may give something else for some entity.
            return new Answer(false, "the rule gave " + kindOf(result) + ", not true or false");
        } catch (CelEvaluationException | RuntimeException e) {
            return new Answer(false, bounded(failure(e)));
        }
    }

    /** What kind of value a rule gave, in words: "a string", "a number", "a list", "a map", "null". */
    static String kindOf(Object value) {
        if (value == null || value instanceof com.google.protobuf.NullValue) {
            return "null";
        }
        if (value instanceof CharSequence) {
            return "a string";
        }
        if (value instanceof Number || value instanceof com.google.common.primitives.UnsignedLong) {
            return "a number";
        }
        if (value instanceof java.util.Collection<?>) {
            return "a list";
        }
        if (value instanceof Map<?, ?>) {
            return "a map";
        }
        return "a value of type " + value.getClass().getSimpleName();
    }

    /** Why an evaluation stopped, as a clause: the budget it spent, or the first line of CEL's message. */
    private static String failure(Exception e) {
        return (cause(e) instanceof BudgetExceeded
                        ? "the rule ran out of its budget: "
                        : "the rule could not be evaluated: ")
                + firstLine(e);
    }

    /** What stopped an evaluation: CEL wraps what its functions and the budget throw. */
    private static Throwable cause(Exception e) {
        return e instanceof CelEvaluationException && e.getCause() != null ? e.getCause() : e;
    }

    /** The first line of what stopped an evaluation (CEL's messages go on with the expression's position). */
    private static String firstLine(Exception e) {
        Throwable cause = cause(e);
        String why = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        String line = why.lines().findFirst().orElse(why).strip();
        // A clause, so that pages can go on after it: CEL ends some of its messages with a full stop.
        return line.endsWith(".") ? line.substring(0, line.length() - 1) : line;
    }

    private static String bounded(String text) {
        return text.length() <= MAX_ERROR_LENGTH ? text : text.substring(0, MAX_ERROR_LENGTH - 1) + "…";
    }

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(Rules.class);
    /** Stored rules already logged as refused (bounded: a log line each, not one per entity scored). */
    private static final Set<String> REFUSED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * A stored rule that is no longer accepted (registered before a check was added, such as the one on patterns)
     * counts as not passed; said once in the log, so that its owners can register the scorecard again.
     */
    private static void refusedOnce(String expression, String why) {
        if (REFUSED.size() < CACHED_PROGRAMS && REFUSED.add(expression)) {
            LOG.warnf(
                    "A stored scorecard rule is no longer accepted and counts as not passed until its scorecard is"
                            + " registered again with a rule that is: %s (%s)",
                    expression, why);
        }
    }

    /** Counts the expression nodes an evaluation visits and stops it when the budget is spent. */
    private static final class Budget implements CelEvaluationListener {
        private long steps;

        @Override
        public void callback(CelExpr expr, Object result) {
            // CEL compiles a pattern each time matches() runs: a call costs steps in proportion to its pattern's size,
            // so that a comprehension cannot compile a large pattern thousands of times.
            if (expr.getKind() == CelExpr.ExprKind.Kind.CALL
                    && expr.call().function().equals("matches")) {
                steps += patternCost(expr.call());
            }
            // A node that reads or makes a long text costs in proportion to its length: matches(), contains() and +
            // go through all of it, and an entity may hold megabytes (a description), so counting nodes alone let a
            // loop of a few hundred items scan a text for a minute, or copy it until the heap ran out.
            steps += sizeCost(result);
            if (++steps > MAX_STEPS) {
                throw new BudgetExceeded("the rule visited more than " + MAX_STEPS + " expression nodes");
            }
            // A few nodes can double a text or a list again and again (s + s): the size of what they make is bounded
            // as well as their number, so that no rule can fill the memory.
            if (result instanceof CharSequence text && text.length() > MAX_VALUE_SIZE
                    || result instanceof com.google.protobuf.ByteString bytes && bytes.size() > MAX_VALUE_SIZE
                    || result instanceof java.util.Collection<?> items && items.size() > MAX_ITEMS
                    || result instanceof Map<?, ?> map && map.size() > MAX_ITEMS) {
                throw new BudgetExceeded("the rule made a value larger than " + MAX_VALUE_SIZE + " characters or "
                        + MAX_ITEMS + " items");
            }
        }
    }

    /**
     * Steps a node's value costs beyond its node: one per {@link #CHARS_PER_STEP} characters or bytes, one per
     * {@link #ITEMS_PER_STEP} items of a list or map.
     */
    private static long sizeCost(Object result) {
        if (result instanceof CharSequence text) {
            return text.length() / CHARS_PER_STEP;
        }
        if (result instanceof com.google.protobuf.ByteString bytes) {
            return bytes.size() / CHARS_PER_STEP;
        }
        if (result instanceof java.util.Collection<?> items) {
            return items.size() / ITEMS_PER_STEP;
        }
        return result instanceof Map<?, ?> map ? map.size() / ITEMS_PER_STEP : 0;
    }

    /**
     * Refuses a rule whose {@code matches()} takes a pattern that is not literal text, or one {@link RulePatterns}
     * refuses: CEL compiles the pattern each time the rule runs, and a pattern can take more time and memory to
     * compile than any budget of expression nodes can stop.
     */
    private static void checkPatterns(CelAbstractSyntaxTree ast) {
        var calls = CelNavigableAst.fromAst(ast)
                .getRoot()
                .allNodes()
                .filter(n -> n.getKind() == CelExpr.ExprKind.Kind.CALL
                        && n.expr().call().function().equals("matches"))
                .map(n -> n.expr().call())
                .toList();
        for (CelExpr.CelCall call : calls) {
            if (call.args().isEmpty()) {
                continue;
            }
            CelExpr pattern = call.args().get(call.args().size() - 1);
            if (pattern.getKind() != CelExpr.ExprKind.Kind.CONSTANT
                    || pattern.constant().getKind() != dev.cel.common.ast.CelConstant.Kind.STRING_VALUE) {
                throw new UnsafePattern("the pattern of matches() must be written in the rule as text ('^team-'),"
                        + " not taken from an entity");
            }
            String problem = RulePatterns.problem(pattern.constant().stringValue());
            if (problem != null) {
                throw new UnsafePattern(problem);
            }
        }
    }

    /** A rule refused for a pattern of its {@code matches()}; the message is the whole reason. */
    private static final class UnsafePattern extends IllegalArgumentException {
        UnsafePattern(String why) {
            super(why);
        }
    }

    /** Steps one {@code matches()} call costs beyond its node: a tenth of its pattern's size (patterns are literal). */
    private static long patternCost(CelExpr.CelCall call) {
        if (call.args().isEmpty()) {
            return 0;
        }
        CelExpr pattern = call.args().get(call.args().size() - 1);
        return pattern.getKind() == CelExpr.ExprKind.Kind.CONSTANT
                        && pattern.constant().getKind() == dev.cel.common.ast.CelConstant.Kind.STRING_VALUE
                ? RulePatterns.expandedSize(pattern.constant().stringValue()) / 10
                : 0;
    }

    /** Thrown inside CEL's interpreter to stop an evaluation that spent its budget (no stack trace: it is routine). */
    static final class BudgetExceeded extends RuntimeException {
        BudgetExceeded(String why) {
            super(why, null, false, false);
        }
    }

    /**
     * Which of the {@link #VARIABLES} a valid rule reads: a rule that reads only {@code entity} can be evaluated before
     * the facts around an entity are looked up.
     */
    static Set<String> reads(String expression) {
        return compiled(expression).reads();
    }

    private static Compiled compiled(String expression) {
        Compiled cached = PROGRAMS.get(expression);
        if (cached != null) {
            return cached;
        }
        Compiled compiled = compile(expression);
        PROGRAMS.put(expression, compiled);
        return compiled;
    }

    private static Compiled compile(String expression) {
        try {
            CelAbstractSyntaxTree ast = COMPILER.compile(expression).getAst();
            Set<String> variables = Set.of(VARIABLES);
            // Identifiers are the variables and comprehension's own (r in relations.exists(r, ...)); a comprehension
            // variable named like one of the variables counts as reading it, which only costs a shortcut.
            Set<String> reads = CelNavigableAst.fromAst(ast)
                    .getRoot()
                    .allNodes()
                    .filter(n -> n.getKind() == CelExpr.ExprKind.Kind.IDENT)
                    .map(n -> n.expr().ident().name())
                    .filter(variables::contains)
                    .collect(java.util.stream.Collectors.toUnmodifiableSet());
            checkPatterns(ast);
            return new Compiled(RUNTIME.createProgram(ast), reads);
        } catch (CelValidationException e) {
            String message = e.getMessage() == null ? "not a valid expression" : e.getMessage();
            throw new IllegalArgumentException(
                    message.lines().findFirst().orElse(message).replace("ERROR: <input>:", "at "));
        } catch (CelEvaluationException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }
}
