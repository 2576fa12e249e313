/** Milliseconds since the Unix epoch (UTC). Every timestamp inside the core is one of these. */
export type EpochMs = number;

/** A calendar date in New York, `YYYY-MM-DD`. */
export type IsoDate = string;

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
