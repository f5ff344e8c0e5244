package dev.vigil.it.hardening;

import java.util.Random;

/** Random words, ids, UUIDs, hex and tokens for the flood tests; the same seed gives the same text. */
final class RandomText {
    private static final String[] WORDS = ("amber apple arrow basil birch blaze brook cedar cider clover comet coral "
            + "crane dune ember fable fern flint frost gale garnet grove harbor hazel heron indigo iris ivory jade "
            + "juniper lagoon lark linen lotus maple marble meadow mist moss nectar oak olive onyx opal orchid otter "
            + "pebble pine plum quartz raven reed river saffron sage slate sparrow thistle tide willow wren yarrow "
            + "zephyr acorn bramble canyon delta estuary fjord glacier hollow isle knoll").split(" ");
    private static final String ALPHANUMERIC = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    private RandomText() {
    }

    static String word(Random random) {
        return WORDS[random.nextInt(WORDS.length)];
    }

    static String uuid(Random random) {
        return new java.util.UUID(random.nextLong(), random.nextLong()).toString();
    }

    static String hex(Random random, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(Character.forDigit(random.nextInt(16), 16));
        }
        return out.toString();
    }

    /** Letters and digits, as in a session token or an API key. */
    static String token(Random random, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(ALPHANUMERIC.charAt(random.nextInt(ALPHANUMERIC.length())));
        }
        return out.toString();
    }
}
