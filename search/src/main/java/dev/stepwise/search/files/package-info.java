/**
 * File-system helpers that the modules above {@code search} share: {@code expert-iteration} and
 * {@code prover} both depend on {@code search} and on nothing else in common, so the one copy of
 * each lives here. Nothing in the search itself uses them.
 */
package dev.stepwise.search.files;
