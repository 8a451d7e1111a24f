package dev.stepwise.iteration;

import java.util.LinkedHashMap;
import java.util.Map;

/** Writes the kept examples as training files with their manifest. */
final class ExportStage implements StageStep {

    @Override
    public String run(RoundContext round) {
        Filtered filtered = round.files().read(RoundFiles.FILTER, Filtered.class);
        Map<String, String> provenance = new LinkedHashMap<>();
        provenance.put("round", Integer.toString(round.number()));
        provenance.put("pool", round.poolName());
        provenance.put("model", round.currentModel());
        provenance.put("template", round.services().renderer().name());
        provenance.put("search-runs", round.runName("prepass") + ", " + round.runName("search"));
        provenance.put("config-sha256", Sha256.ofFields(round.configJson()));
        ExportManifest manifest = new Exporter(round.services().json(), round.settings().validFraction(),
                round.services().renderer().trainingFormat())
                .export(filtered.kept(), round.files().path(RoundFiles.EXPORT_DIR), round.number(),
                        round.services().renderer().name(), round.services().renderer().criticInput(), provenance);
        return manifest.summary();
    }
}
