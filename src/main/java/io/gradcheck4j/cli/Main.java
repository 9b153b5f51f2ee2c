package io.gradcheck4j.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code gradcheck4j} command line (placeholder: the main job lands with the CLI work). */
@Command(name = "gradcheck4j", mixinStandardHelpOptions = true, version = "gradcheck4j 0.1.0",
        description = "Proves backprop code correct: analytic gradients against finite differences.",
        subcommands = {SweepCommand.class})
public final class Main implements Runnable {

    /** Runs the CLI and exits with its code. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public void run() {
        System.out.println("gradcheck4j: nothing to run yet");
    }
}
