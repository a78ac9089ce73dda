package dev.interlock.descriptor;

/** A place in the submitted text: 1-based line and column, absolute in the whole body. */
public record Position(int line, int column) {}
