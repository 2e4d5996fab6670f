// canary-gate's decision core: the judge, its defaults and the statistics it is built from.

export {
  CHECK_ORDER,
  configProblems,
  DEFAULTS,
  defaultMinEffect,
  enabledChecks,
  gateConfig,
  minEffectOf,
} from "./config.js";
export { armDelta, counterDelta, histogramDelta, histogramProblem } from "./counters.js";
export {
  logMeanExp,
  logSumExp,
  mixtureAbove,
  mixtureBelow,
  nullShare,
  rateRatios,
  SHARE_BETS,
  updateBernoulli,
  updatePerRequest,
  updateShareBet,
} from "./eprocess.js";
export { initialState, step } from "./judge.js";
export { inverseNormalCdf, minimumSample } from "./nmin.js";
export type * from "./types.js";
