package org.roomhub.protocol;

/**
 * What decoding a text gives: a frame, or the protocol error to answer with. Never an exception.
 *
 * @param <F> the frame family decoded
 */
public sealed interface Decoded<F> {

    /** A well-formed frame. */
    record Ok<F>(F frame) implements Decoded<F> {}

    /** A refused text and why. */
    record Failed<F>(ProtocolError error) implements Decoded<F> {}
}
