package io.gradcheck4j.check;

/**
 * One of {@code count} disjoint parts of a full check: the entries whose position g in the check (the entries
 * of every variable numbered 0, 1, ... in variable order, row-major within each) has g mod count = index - 1.
 * The shards 1/N ... N/N together cover every entry exactly once, each about 1/N of every tensor of size
 * &ge; N, and every entry is computed exactly as in the unsharded check (same noise estimate, same stencil).
 *
 * @param index 1-based, in [1, count]
 * @param count number of shards, &ge; 1
 */
public record Shard(int index, int count) {
    /** The whole check. */
    public static final Shard ALL = new Shard(1, 1);

    /** Validates 1 &le; index &le; count. */
    public Shard {
        if (count < 1 || index < 1 || index > count) {
            throw new IllegalArgumentException("shard must be I/N with 1 <= I <= N, got " + index + "/" + count);
        }
    }

    /** Parses {@code I/N}, e.g. {@code 2/4}. */
    public static Shard parse(String text) {
        String[] parts = text.strip().split("/", -1);
        if (parts.length != 2) {
            throw new IllegalArgumentException("shard must be I/N (e.g. 2/4), got '" + text + "'");
        }
        try {
            return new Shard(Integer.parseInt(parts[0].strip()), Integer.parseInt(parts[1].strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("shard must be I/N (e.g. 2/4), got '" + text + "'", e);
        }
    }

    /** The flat entries of a tensor of {@code size} entries whose first entry is at position {@code offset} of the check, in order. */
    public int[] entries(long offset, int size) {
        int first = (int) Math.floorMod(index - 1 - offset, (long) count);
        int n = first >= size ? 0 : (size - 1 - first) / count + 1;
        int[] out = new int[n];
        for (int k = 0; k < n; k++) {
            out[k] = first + k * count;
        }
        return out;
    }

    /** {@code I/N}. */
    @Override
    public String toString() {
        return index + "/" + count;
    }
}
