package dev.stepwise.search;

/** A capped resource's use: how many are in flight now, the most ever seen at once, and the cap. */
public record InFlight(int current, int max, int cap) {
}
