package dev.stepwise.prover.cli;

import dev.stepwise.prover.problems.DatasetCatalog;
import java.util.Iterator;

/**
 * The catalog's dataset names, as completion candidates of {@code --dataset}, {@code --pool} and
 * {@code sim generate --from}: picocli's completion script lists them after the option (they are
 * read when the script is made; the catalog ships with the installation, so they hold).
 */
final class DatasetNames implements Iterable<String> {
    private final Invocation invocation;

    DatasetNames(Invocation invocation) {
        this.invocation = invocation;
    }

    @Override
    public Iterator<String> iterator() {
        return new DatasetCatalog(invocation.app().home(), invocation.app().workDir()).entries().stream()
                .map(DatasetCatalog.Entry::name).iterator();
    }
}
