/** Most replays a shrink spends when none is given (`shrinkRun`'s `maxReplays`, `chaos shrink --max-replays`). */
export const DEFAULT_MAX_REPLAYS = 5000;
