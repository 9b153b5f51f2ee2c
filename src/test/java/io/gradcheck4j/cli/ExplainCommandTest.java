package io.gradcheck4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ExplainCommandTest {

    private static String explain(String fixture) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine(new PrintWriter(out), new PrintWriter(err));
        int code = cl.execute("explain", "fixtures/" + fixture + ".json");
        assertEquals(0, code, err.toString());
        return out.toString();
    }

    @Test
    void cs231nCircuitIsTracedGateByGate() {
        // GIVEN the CS231n circuit f = (x + y) z at x = -2, y = 5, z = -4
        // WHEN it is explained
        String text = explain("seed000-cs231n-circuit");

        // THEN the forward pass gives q = 3, f = -12 and the backward pass sends local x upstream:
        // df/dq = z = -4, df/dz = q = 3, df/dx = df/dy = 1 x -4
        assertTrue(text.contains("q = add(x, y) = add(-2, 5) = 3"), text);
        assertTrue(text.contains("f = mul(q, z) = mul(3, -4) = -12"), text);
        assertTrue(text.contains("to q: local gradient df/dq = -4, times upstream 1 = -4"), text);
        assertTrue(text.contains("to z: local gradient df/dz = 3, times upstream 1 = 3"), text);
        assertTrue(text.contains("to x: local gradient dq/dx = 1, times upstream -4 = -4"), text);
        assertTrue(text.contains("df/dy = -4"), text);
    }

    @Test
    void fanOutSumsTheGradientsOfEveryUse() {
        // GIVEN f = x*y + x at x = -1.5, y = 4 (the fan-out fixture of the chain-rule post): df/dx = y + 1 = 5
        // WHEN it is explained
        String text = explain("seed000-circuit-fanout");

        // THEN the second use of x is marked and the total is y + 1
        assertTrue(text.contains("(fan-out: df/dx sums to 5)"), text);
        assertTrue(text.contains("df/dx = 5\n") || text.contains("df/dx = 5" + System.lineSeparator()), text);
    }

    @Test
    void perceptronNamesItsChainRuleFactors() {
        // GIVEN the sigmoid perceptron example x = [1, 0.5], w = [0.4, -0.6], b = 0.1, t = 1: a = 0.4 - 0.3 + 0.1 = 0.2,
        // y = 1 / (1 + e^-0.2) = 0.549833997312478, y - t = -0.450166002687522, y(1 - y) = 0.247516572711...
        // WHEN it is explained
        String text = explain("seed001-perceptron-sigmoid");

        // THEN every factor is named as in the document, with its value
        assertTrue(text.contains("a = x . w + b = [[0.2]]"), text);
        assertTrue(text.contains("y = sigmoid(a) = [[0.5498339973]]"), text);
        assertTrue(text.contains("dE/dy = (y - t) = [[-0.4501660027]]"), text);
        assertTrue(text.contains("dy/da = y(1 - y) = [[0.2475165727]]"), text);
        assertTrue(text.contains("da/dw = x"), text);
        assertTrue(text.contains("chain: dE/dw = dE/dy [(y - t)] . dy/da [y(1 - y)] . da/dw [x]"), text);
        // dE/dw = (y - t) y (1 - y) x = -0.1114235461 * [1, 0.5]
        assertTrue(text.contains("dE/dw = x^T . dE/da = [[-0.1114235461], [-0.05571177307]]"), text);
    }

    @Test
    void aMissingFixtureIsBadInput() {
        // GIVEN/WHEN a path that does not exist
        StringWriter err = new StringWriter();
        int code = Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(err)).execute("explain", "no-such-file.json");

        // THEN exit code 2 with a one-line error naming the file
        assertEquals(2, code);
        assertTrue(err.toString().contains("no-such-file.json"), err.toString());
    }
}
