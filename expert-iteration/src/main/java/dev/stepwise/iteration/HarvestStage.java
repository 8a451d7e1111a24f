package dev.stepwise.iteration;

/** Turns the round's accepted proofs and their trees into training examples. */
final class HarvestStage implements StageStep {

    @Override
    public String run(RoundContext round) {
        Harvest harvest = new Harvester(round.services().renderer()).harvest(round.searchOutput().proved());
        round.files().write(RoundFiles.HARVEST, harvest);
        return harvest.summary();
    }
}
