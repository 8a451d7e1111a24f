package dev.stepwise.iteration;

import java.util.List;

/** One step of the filter stage. Filters keep the order of what they keep. */
interface ExampleFilter {
    Filtered apply(List<Example> examples);

    /** The filters in order, each on what the previous one kept. */
    static ExampleFilter chain(List<ExampleFilter> filters) {
        List<ExampleFilter> copy = List.copyOf(filters);
        return examples -> {
            Filtered result = Filtered.keepAll(examples);
            for (ExampleFilter f : copy) {
                result = result.then(f.apply(result.kept()));
            }
            return result;
        };
    }
}
