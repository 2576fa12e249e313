/**
 * zod's parse options for a check whose failure names the input it was given: one frozen object shared by every
 * parse on the invocation path (zod copies it into its own context and writes nothing to it).
 */
export const REPORT_INPUT = Object.freeze({ reportInput: true });
