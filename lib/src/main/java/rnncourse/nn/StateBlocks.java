package rnncourse.nn;

/**
 * Where one direction's (batch, H) hidden and cell states live: {@code h[offset ..]} and
 * {@code c[offset ..]}, the direction's block of a (dirs, batch, H) tensor. A null array means zeros
 * for an initial state, and "not wanted" or "no gradient" elsewhere; {@code c} is used by LSTMs only.
 */
record StateBlocks<A>(A h, A c, int offset) {
}
