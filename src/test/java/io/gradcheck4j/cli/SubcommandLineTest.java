package io.gradcheck4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The command line main() builds for its arguments (only the subcommand that the first argument names) runs
 * every command as the whole command line does: the same stdout, stderr and exit code, for help, versions,
 * usage errors, bad input and real runs of each subcommand.
 */
class SubcommandLineTest {
    private static final String FIXTURE = "fixtures/seed003-affine-backward.json";

    static Stream<List<String>> argumentLists() {
        return Stream.of(
                List.of("check", "--help"), List.of("check", "-h"), List.of("check", "-V"), List.of("check", "--version"),
                List.of("check"), List.of("check", "--bogus", FIXTURE), List.of("check", "--thread", "2", FIXTURE),
                List.of("check", "--threads", "0", FIXTURE), List.of("check", "--threads", "two", FIXTURE),
                List.of("check", "--mode", "bogus", FIXTURE), List.of("check", "no-such-file.json"),
                List.of("check", FIXTURE, "--threads", "2", "--no-progress"), List.of("check", "--details", FIXTURE),
                List.of("check", "--json", FIXTURE), List.of("check", "--timeout=-1", FIXTURE),
                List.of("check", "--shard", "1/3", FIXTURE), List.of("check", "--shard", "x", FIXTURE),
                List.of("check", FIXTURE, "check"), List.of("check", "--", "--help"),
                List.of("layers"), List.of("layers", "--help"), List.of("layers", "extra"),
                List.of("layer", "--help"), List.of("layer", "relu"), List.of("layer", "no_such_layer"),
                List.of("sweep", "--help"), List.of("race", "--help"), List.of("explain", "--help"),
                List.of("explain", FIXTURE), List.of("merge-reports", "--help"), List.of("merge-reports", "no-such-file.json"),
                List.of("--help", "check"), List.of("chek", FIXTURE), List.of("--version"));
    }

    @ParameterizedTest
    @MethodSource("argumentLists")
    void runsAsTheWholeCommandLine(List<String> args) {
        // GIVEN the arguments
        String[] argv = args.toArray(String[]::new);
        // WHEN run by the whole command line and by the one main() builds for them
        String[] whole = run(argv, true);
        String[] built = run(argv, false);
        // THEN the same output, errors and exit code (timings blanked)
        assertEquals(whole[0], built[0], "stdout");
        assertEquals(whole[1], built[1], "stderr");
        assertEquals(whole[2], built[2], "exit code");
    }

    private static String[] run(String[] args, boolean whole) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        PrintWriter o = new PrintWriter(out, true);
        PrintWriter e = new PrintWriter(err, true);
        int code = (whole ? Main.commandLine(o, e) : Main.commandLine(o, e, args)).execute(args);
        return new String[] {blankSeconds(out.toString()), blankSeconds(err.toString()), Integer.toString(code)};
    }

    /** Case timings differ from run to run: the SECONDS column and the JSON "seconds" field. */
    private static String blankSeconds(String text) {
        return text.replaceAll("\\d+\\.\\d{3}(  (PASS|FAIL|INCONCLUSIVE|ERROR))", "S$1")
                .replaceAll("\"seconds\" : [0-9.eE+-]+", "\"seconds\" : S");
    }
}
